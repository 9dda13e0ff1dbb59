package io.surge.order.web;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.util.List;

record PlaceOrderRequest(
        @NotEmpty @Size(max = 20) List<@NotNull @Valid Item> items,
        @Positive Long userCouponId) {

    record Item(
            @NotNull @Positive Long optionId,
            @NotNull @Min(1) @Max(100) Integer quantity) {}
}
