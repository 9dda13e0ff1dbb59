package io.surge.member.web;

import io.surge.member.AccessToken;
import io.surge.member.InvalidCredentials;
import io.surge.member.MemberManagement;
import io.surge.member.MemberView;
import io.surge.security.CurrentMember;
import io.surge.traffic.ratelimit.LoginGuard;
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

    AuthController(MemberManagement members, LoginGuard loginGuard) {
        this.members = members;
        this.loginGuard = loginGuard;
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signUp(@Valid @RequestBody SignupRequest request) {
        MemberView member = members.signUp(request.email(), request.password(), request.name());
        return new SignupResponse(member.memberId(), member.email(), member.name());
    }

    /**
     * Brute-force protection: the attempt is reserved before the password is checked, refused (429) once this email from
     * this IP, this email overall or this IP failed too often (LoginGuard).
     */
    @PostMapping("/login")
    AccessToken logIn(@Valid @RequestBody LoginRequest request, HttpServletRequest http) {
        LoginGuard.Attempt attempt = loginGuard.reserve(request.email(), http.getRemoteAddr());
        AccessToken token;
        try {
            token = members.logIn(request.email(), request.password());
        } catch (InvalidCredentials e) {
            attempt.failed();
            throw e;
        } catch (RuntimeException e) {
            attempt.abandoned();
            throw e;
        }
        attempt.succeeded();
        return token;
    }

    /** Logs out everywhere: every token of this member issued so far stops working (see TokenVersions). */
    @PostMapping("/logout")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void logOut(@AuthenticationPrincipal Jwt jwt) {
        members.logOut(CurrentMember.id(jwt));
    }

    record SignupResponse(long memberId, String email, String name) {}
}
