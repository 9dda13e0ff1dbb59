package io.surge.messaging.web;

import io.surge.messaging.kafka.DeadLetter;
import io.surge.messaging.kafka.DeadLetters;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin view of dead letters (under {@code /api/admin}, so ADMIN only) and their replay. */
@RestController
@Validated
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private final DeadLetters deadLetters;

    DeadLetterController(DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping
    DeadLetterPage list(
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return new DeadLetterPage(deadLetters.list(page, size), page, size, deadLetters.count());
    }

    @PostMapping("/{id}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    DeadLetter replay(@PathVariable long id) {
        return deadLetters.replay(id);
    }

    record DeadLetterPage(List<DeadLetter> content, int page, int size, long totalElements) {}
}
