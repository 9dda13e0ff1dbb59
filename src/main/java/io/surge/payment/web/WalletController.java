package io.surge.payment.web;

import io.surge.payment.PaymentManagement;
import io.surge.payment.WalletView;
import io.surge.platform.security.CurrentMember;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
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

    @PostMapping("/charge")
    WalletView charge(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody ChargeRequest request) {
        return payments.charge(CurrentMember.id(jwt), request.amount());
    }

    record ChargeRequest(@NotNull @Min(1) @Max(100_000_000) Long amount) {}
}
