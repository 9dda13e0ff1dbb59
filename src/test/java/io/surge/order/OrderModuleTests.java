package io.surge.order;

import static org.assertj.core.api.Assertions.assertThat;

import io.surge.dispatch.DispatchManagement;
import io.surge.member.MemberManagement;
import io.surge.payment.PaymentManagement;
import io.surge.support.ModuleSliceTest;
import io.surge.support.Shop;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.Scenario;

/**
 * The order module with its upstream modules (catalog, coupon, messaging and the cross-cutting ones) but without
 * member, payment and dispatch: placing an order and asking to pay it publish the saga's first events, whoever
 * listens. Kafka listeners stay stopped and nothing is externalized.
 */
@ModuleSliceTest
class OrderModuleTests {

    @Autowired
    OrderManagement orders;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    ApplicationContext context;

    @Test
    void theSliceHoldsNoModuleDownstreamOfOrder() {
        assertThat(context.getBeanNamesForType(PaymentManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(DispatchManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(MemberManagement.class)).isEmpty();
        assertThat(context.getBeanNamesForType(OrderManagement.class)).hasSize(1);
    }

    @Test
    void placingAnOrderPublishesOrderPlacedWithItsAmount(Scenario scenario) {
        long option = new Shop(null, jdbc).product(700, 5).getFirst();
        long memberId = ThreadLocalRandom.current().nextLong(1_000_000, 2_000_000);

        scenario.stimulate(() -> orders.place(memberId, new PlaceOrder(List.of(new OrderLine(option, 2)), null, null)))
                .andWaitForEventOfType(OrderPlaced.class)
                .matching(event -> event.memberId() == memberId)
                .toArriveAndVerify((event, order) -> {
                    assertThat(event.orderId()).isEqualTo(order.orderId());
                    assertThat(event.finalAmount()).isEqualTo(1_400);
                    assertThat(event.eventId()).isNotNull();
                });
    }

    @Test
    void askingToPayPublishesPaymentRequestedForTheOrdersFinalAmount(Scenario scenario) {
        long option = new Shop(null, jdbc).product(300, 5).getFirst();
        long memberId = ThreadLocalRandom.current().nextLong(2_000_000, 3_000_000);
        OrderView placed = orders.place(memberId, new PlaceOrder(List.of(new OrderLine(option, 3)), null, null));

        scenario.stimulate(() -> orders.requestPayment(memberId, placed.orderId()))
                .andWaitForEventOfType(PaymentRequested.class)
                .matching(event -> event.orderId() == placed.orderId())
                .toArriveAndVerify(event -> {
                    assertThat(event.memberId()).isEqualTo(memberId);
                    assertThat(event.amount()).isEqualTo(900);
                });
        assertThat(orders.find(memberId, placed.orderId()).status()).isEqualTo(OrderStatus.PAYMENT_PROCESSING);
    }
}
