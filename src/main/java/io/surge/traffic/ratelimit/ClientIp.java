package io.surge.traffic.ratelimit;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Component;

/**
 * The client address per-IP limits count against: the configured proxy header (first entry) when set, else the socket
 * address. Behind nginx the socket address is nginx itself, so stage and prod set {@code SURGE_CLIENT_IP_HEADER}.
 */
@NamedInterface("ratelimit")
@Component
public class ClientIp {

    private final String header;

    ClientIp(RateLimitProperties properties) {
        this.header = properties.clientIpHeader().isBlank() ? null : properties.clientIpHeader();
    }

    public String of(HttpServletRequest request) {
        if (header != null) {
            String value = request.getHeader(header);
            if (value != null && !value.isBlank()) {
                int comma = value.indexOf(',');
                return (comma < 0 ? value : value.substring(0, comma)).strip();
            }
        }
        return request.getRemoteAddr();
    }
}
