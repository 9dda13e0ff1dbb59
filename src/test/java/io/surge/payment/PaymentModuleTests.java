package io.surge.payment;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.member.MemberManagement;
import io.surge.order.PaymentRequested;
import io.surge.support.ModuleSliceTest;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.Scenario;

/**
 * The payment module answering a payment request, without dispatch: the request is handed to the module the way its
 * Kafka consumer hands it over, and the answer is the event the order module waits for. Kafka listeners stay stopped
 * and nothing is externalized.
 */
@ModuleSliceTest
class PaymentModuleTests {

    static final String LISTENER = "payment.module-test";

    @Autowired
    PaymentManagement payments;

    @Autowired
    MemberManagement members;

    @Test
    void aRequestTheWalletCoversIsDebitedAndAnsweredWithPaymentCompleted(Scenario scenario) {
        long memberId = member();
        payments.credit(memberId, memberId, 5_000);
        long orderId = orderId();

        scenario.stimulate(
                        () -> payments.pay(LISTENER, new PaymentRequested(UUID.randomUUID(), orderId, memberId, 1_200)))
                .andWaitForEventOfType(PaymentCompleted.class)
                .matching(event -> event.orderId() == orderId)
                .toArriveAndVerify(event -> {
                    assertThat(event.memberId()).isEqualTo(memberId);
                    assertThat(event.amount()).isEqualTo(1_200);
                });
        assertThat(payments.wallet(memberId).balance()).isEqualTo(3_800);
    }

    @Test
    void aRequestTheWalletCannotCoverIsAnsweredWithPaymentFailedAndChargesNothing(Scenario scenario) {
        long memberId = member();
        payments.credit(memberId, memberId, 100);
        long orderId = orderId();

        scenario.stimulate(
                        () -> payments.pay(LISTENER, new PaymentRequested(UUID.randomUUID(), orderId, memberId, 1_200)))
                .andWaitForEventOfType(PaymentFailed.class)
                .matching(event -> event.orderId() == orderId)
                .toArriveAndVerify(
                        event -> assertThat(event.reason()).isEqualTo(PaymentManagement.INSUFFICIENT_BALANCE));
        assertThat(payments.wallet(memberId).balance()).isEqualTo(100);
    }

    private long member() {
        String email = "pay-slice-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        return members.signUp(email, "correct-horse", "Payer").memberId();
    }

    /** Order ids no other test uses: the payment row is keyed by order id, and there is no order module FK. */
    private static long orderId() {
        return ThreadLocalRandom.current().nextLong(900_000_000L, 999_999_999L);
    }
}
