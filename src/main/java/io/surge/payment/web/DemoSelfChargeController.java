package io.surge.payment.web;

import io.surge.payment.PaymentManagement;
import io.surge.payment.WalletView;
import io.surge.security.CurrentMember;
import jakarta.validation.Valid;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * A member crediting their own wallet: free money, so the route exists only with {@code SURGE_DEMO_SELF_CHARGE=true}
 * (a laptop demo). Without it the path is unknown and answers {@code 404 NOT_FOUND} like any other.
 */
@RestController
@ConditionalOnBooleanProperty("surge.payment.demo-self-charge")
class DemoSelfChargeController {

    private final PaymentManagement payments;

    DemoSelfChargeController(PaymentManagement payments) {
        this.payments = payments;
    }

    @PostMapping("/api/members/me/wallet/charge")
    WalletView charge(@AuthenticationPrincipal Jwt jwt, @Valid @RequestBody CreditRequest request) {
        return payments.selfCharge(CurrentMember.id(jwt), request.amount());
    }
}
