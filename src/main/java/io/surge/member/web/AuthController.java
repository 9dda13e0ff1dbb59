package io.surge.member.web;

import io.surge.member.AccessToken;
import io.surge.member.InvalidCredentials;
import io.surge.member.MemberManagement;
import io.surge.member.MemberView;
import io.surge.platform.ratelimit.ClientIp;
import io.surge.platform.ratelimit.LoginGuard;
import io.surge.platform.security.CurrentMember;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final MemberManagement members;
    private final LoginGuard loginGuard;
    private final ClientIp clientIp;

    AuthController(MemberManagement members, LoginGuard loginGuard, ClientIp clientIp) {
        this.members = members;
        this.loginGuard = loginGuard;
        this.clientIp = clientIp;
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signUp(@Valid @RequestBody SignupRequest request) {
        MemberView member = members.signUp(request.email(), request.password(), request.name());
        return new SignupResponse(member.memberId(), member.email(), member.name());
    }

    /** Brute-force protection: refused (429) once this email or IP failed too often, counted on every failure. */
    @PostMapping("/login")
    AccessToken logIn(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        String ip = clientIp.of(http);
        loginGuard.check(request.email(), ip);
        try {
            AccessToken token = members.logIn(request.email(), request.password());
            loginGuard.succeeded(request.email());
            return token;
        } catch (InvalidCredentials e) {
            loginGuard.failed(request.email(), ip);
            throw e;
        }
    }

    /** Logs out everywhere: every token of this member issued so far stops working (see TokenVersions). */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logOut(@AuthenticationPrincipal Jwt jwt) {
        members.logOut(CurrentMember.id(jwt));
    }

    record SignupResponse(long memberId, String email, String name) {}
}
