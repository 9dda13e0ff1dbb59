package io.surge.member.web;

import io.surge.member.MemberManagement;
import io.surge.member.MemberView;
import io.surge.security.CurrentMember;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

@RestController
class MeController {

    private final MemberManagement members;

    MeController(MemberManagement members) {
        this.members = members;
    }

    /** A valid token whose member no longer exists is treated like a bad token. */
    @GetMapping("/api/members/me")
    MemberView me(@AuthenticationPrincipal Jwt jwt) {
        return members.find(CurrentMember.id(jwt))
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.UNAUTHORIZED));
    }
}
