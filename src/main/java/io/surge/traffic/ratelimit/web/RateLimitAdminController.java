package io.surge.traffic.ratelimit.web;

import io.surge.traffic.ratelimit.LimitSettings;
import io.surge.traffic.ratelimit.RateLimitAdministration;
import io.surge.traffic.ratelimit.RateLimitAdministration.Snapshot;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runtime tuning of the rate limits (ADMIN only, like every {@code /api/admin/**} route). */
@RestController
@RequestMapping("/api/admin/rate-limits")
class RateLimitAdminController {

    private final RateLimitAdministration administration;

    RateLimitAdminController(RateLimitAdministration administration) {
        this.administration = administration;
    }

    @GetMapping
    Snapshot limits() {
        return administration.snapshot();
    }

    /** Sets capacity, rate and on/off of the named limits; limits not named keep their settings. */
    @PutMapping
    Snapshot change(@Valid @RequestBody ChangeRequest request) {
        Map<String, LimitSettings> changes = new LinkedHashMap<>();
        request.limits()
                .forEach((name, change) -> changes.put(
                        name,
                        new LimitSettings(
                                change.capacity(),
                                change.refillPerSecond(),
                                change.enabled() == null || change.enabled())));
        return administration.override(changes);
    }

    @DeleteMapping("/{name}")
    Snapshot reset(@PathVariable String name) {
        return administration.reset(name);
    }

    record ChangeRequest(@NotEmpty Map<String, @Valid @NotNull LimitChange> limits) {}

    record LimitChange(
            @NotNull @Min(1) @Max(1_000_000_000) Long capacity,
            @NotNull @Positive @Max(1_000_000_000) Double refillPerSecond,
            Boolean enabled) {}
}
