package io.surge.messaging.web;

import io.surge.messaging.kafka.ConsumerControl;
import io.surge.messaging.kafka.ConsumerStatus;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Admin control of the Kafka listeners on every instance (under {@code /api/admin}, so ADMIN only). */
@RestController
@RequestMapping("/api/admin/consumers")
class ConsumerController {

    private final ConsumerControl control;

    ConsumerController(ConsumerControl control) {
        this.control = control;
    }

    @GetMapping
    ConsumerStatus status() {
        return control.status();
    }

    @PostMapping("/pause")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Changed pause(@Valid @RequestBody(required = false) ControlRequest request) {
        ControlRequest body = request == null ? new ControlRequest(null, null) : request;
        return new Changed(control.pause(body.listeners(), body.reason()), control.instanceId());
    }

    @PostMapping("/resume")
    @ResponseStatus(HttpStatus.ACCEPTED)
    Changed resume(@Valid @RequestBody(required = false) ControlRequest request) {
        ControlRequest body = request == null ? new ControlRequest(null, null) : request;
        return new Changed(control.resume(body.listeners()), control.instanceId());
    }

    record ControlRequest(
            @Size(max = 50) List<@NotBlank @Size(max = 100) String> listeners,
            @Size(max = 200) String reason) {}

    record Changed(Set<String> listeners, String requestedVia) {}
}
