package io.surge.payment.web;

import io.surge.payment.PaymentManagement;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

record CreditRequest(
        @NotNull @Min(1) @Max(PaymentManagement.MAX_CREDIT) Long amount) {}
