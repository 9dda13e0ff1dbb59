package io.surge.member.web;

import io.surge.member.AccessToken;
import io.surge.member.MemberManagement;
import io.surge.member.MemberView;
import jakarta.validation.Valid;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/auth")
class AuthController {

    private final MemberManagement members;

    AuthController(MemberManagement members) {
        this.members = members;
    }

    @PostMapping("/signup")
    @ResponseStatus(HttpStatus.CREATED)
    SignupResponse signUp(@Valid @RequestBody SignupRequest request) {
        MemberView member = members.signUp(request.email(), request.password(), request.name());
        return new SignupResponse(member.memberId(), member.email(), member.name());
    }

    @PostMapping("/login")
    AccessToken logIn(@Valid @RequestBody LoginRequest request) {
        return members.logIn(request.email(), request.password());
    }

    record SignupResponse(long memberId, String email, String name) {}
}
