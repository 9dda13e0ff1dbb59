package io.surge.security;

import io.surge.web.PayloadTooLarge;
import io.surge.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects bodies over the limit: by their declared length before anything reads them, and, for a body without one
 * (chunked transfer encoding), on the stream itself: the read that passes the limit fails with
 * {@link PayloadTooLarge}, answered 413. On main only {@code Content-Length} was checked, so with no nginx in front a
 * chunked body of any size was buffered into JSON. Tomcat's own limits only cover form posts.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class RequestSizeLimitFilter extends OncePerRequestFilter {

    private final long maxBytes;
    private final ProblemWriter problems;

    RequestSizeLimitFilter(SecurityProperties properties, ProblemWriter problems) {
        this.maxBytes = properties.maxRequestBytes();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long declared = request.getContentLengthLong();
        if (declared > maxBytes) {
            problems.write(response, PayloadTooLarge.problem(maxBytes));
            return;
        }
        if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
            request = new Bounded(request, maxBytes);
        }
        try {
            chain.doFilter(request, response);
        } catch (PayloadTooLarge e) { // thrown from a read inside a filter or servlet that did not handle it
            problems.write(response, PayloadTooLarge.problem(maxBytes));
        }
    }

    /** A request whose body stream fails once more than {@code max} bytes were read from it. */
    private static final class Bounded extends HttpServletRequestWrapper {

        private final long max;
        private ServletInputStream stream;

        Bounded(HttpServletRequest request, long max) {
            super(request);
            this.max = max;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), max);
            }
            return stream;
        }

        @Override
        public java.io.BufferedReader getReader() throws IOException {
            return new java.io.BufferedReader(new java.io.InputStreamReader(
                    getInputStream(), getCharacterEncoding() == null ? "UTF-8" : getCharacterEncoding()));
        }
    }

    private static final class CountingStream extends ServletInputStream {

        private final ServletInputStream in;
        private final long max;
        private long read;

        CountingStream(ServletInputStream in, long max) {
            this.in = in;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > max) {
                throw new PayloadTooLarge(max);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
