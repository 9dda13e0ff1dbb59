package io.surge.member;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.coupon.CouponManagement;
import io.surge.messaging.kafka.ConsumerControl;
import io.surge.order.OrderManagement;
import io.surge.payment.PaymentManagement;
import io.surge.support.ModuleSliceTest;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.modulith.test.Scenario;

/**
 * The member module with only what it depends on (security, traffic, web and below): no order, payment, catalog,
 * coupon, dispatch or messaging beans in the context. Kafka plays no part ({@link ModuleSliceTest}).
 */
@ModuleSliceTest
class MemberModuleTests {

    @Autowired
    MemberManagement members;

    @Autowired
    ApplicationContext context;

    @Test
    void theSliceHoldsNoModuleMemberDoesNotDependOn() {
        assertThat(context.getBeanNamesForType(OrderManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(PaymentManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(CouponManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(ConsumerControl.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MemberManagement.class)).hasSize(1);
    }

    @Test
    void aSignupPublishesMemberSignedUpWithTheNewMembersIdAndNormalizedEmail(Scenario scenario) {
        String local = "slice-" + UUID.randomUUID().toString().substring(0, 8);

        scenario.stimulate(() -> members.signUp("  " + local + "@Example.COM ", "correct-horse", "Ada"))
                .andWaitForEventOfType(MemberSignedUp.class)
                .matching(event -> event.email().startsWith(local))
                .toArriveAndVerify((event, member) -> {
                    assertThat(event.memberId()).isEqualTo(member.memberId());
                    assertThat(event.email()).isEqualTo(local + "@example.com");
                });
    }
}
