package io.surge.order.web;

import io.surge.order.OrderLine;
import io.surge.order.OrderManagement;
import io.surge.order.OrderPage;
import io.surge.order.OrderStatus;
import io.surge.order.OrderView;
import io.surge.order.PlaceOrder;
import io.surge.security.CurrentMember;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
class OrderController {

    private final OrderManagement orders;

    OrderController(OrderManagement orders) {
        this.orders = orders;
    }

    @PostMapping("/api/orders")
    @ResponseStatus(HttpStatus.CREATED)
    OrderView place(
            @AuthenticationPrincipal Jwt jwt,
            @RequestHeader(name = "Idempotency-Key", required = false) @Pattern(regexp = "[A-Za-z0-9._:-]{1,100}")
                    String idempotencyKey,
            @Valid @RequestBody PlaceOrderRequest request) {
        PlaceOrder command = new PlaceOrder(
                request.items().stream()
                        .map(item -> new OrderLine(item.optionId(), item.quantity()))
                        .toList(),
                request.userCouponId(),
                idempotencyKey);
        return orders.place(CurrentMember.id(jwt), command);
    }

    @PostMapping("/api/orders/{orderId}/payment")
    @ResponseStatus(HttpStatus.ACCEPTED)
    PaymentAccepted pay(@AuthenticationPrincipal Jwt jwt, @PathVariable long orderId) {
        OrderView order = orders.requestPayment(CurrentMember.id(jwt), orderId);
        return new PaymentAccepted(order.orderId(), order.status());
    }

    @GetMapping("/api/orders/{orderId}")
    OrderView order(@AuthenticationPrincipal Jwt jwt, @PathVariable long orderId) {
        return orders.find(CurrentMember.id(jwt), orderId);
    }

    @GetMapping("/api/members/me/orders")
    OrderPage mine(
            @AuthenticationPrincipal Jwt jwt,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return orders.list(CurrentMember.id(jwt), page, size);
    }

    record PaymentAccepted(long orderId, OrderStatus status) {}
}
