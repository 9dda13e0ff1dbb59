package io.surge.payment.web;

import io.surge.payment.CreditedWallet;
import io.surge.payment.PaymentManagement;
import io.surge.security.CurrentMember;
import jakarta.validation.Valid;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Money enters the system only here (the platform puts /api/admin/** behind ADMIN); the ledger names the admin. */
@RestController
class AdminWalletController {

    private final PaymentManagement payments;

    AdminWalletController(PaymentManagement payments) {
        this.payments = payments;
    }

    @PostMapping("/api/admin/members/{memberId}/wallet/credit")
    CreditedWallet credit(
            @AuthenticationPrincipal Jwt admin,
            @PathVariable long memberId,
            @Valid @RequestBody CreditRequest request) {
        return payments.credit(CurrentMember.id(admin), memberId, request.amount());
    }
}
