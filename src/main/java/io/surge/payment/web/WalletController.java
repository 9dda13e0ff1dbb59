package io.surge.payment.web;

import io.surge.payment.PaymentManagement;
import io.surge.payment.WalletView;
import io.surge.security.CurrentMember;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/members/me/wallet")
class WalletController {

    private final PaymentManagement payments;

    WalletController(PaymentManagement payments) {
        this.payments = payments;
    }

    @GetMapping
    WalletView wallet(@AuthenticationPrincipal Jwt jwt) {
        return payments.wallet(CurrentMember.id(jwt));
    }
}
