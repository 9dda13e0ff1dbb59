package io.surge.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Sends bytes exactly as given (no client-side URI or header validation, unlike {@link java.net.http.HttpClient}) and
 * reads the whole answer of a {@code Connection: close} request: for requests Tomcat refuses before the application
 * sees them.
 */
public final class RawHttp {

    private RawHttp() {}

    /** {@code head} is the request line plus any headers (CRLF-separated, no trailing blank line). */
    public static Answer send(int port, String head, byte[] body) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            String request = head + "\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
                if (body != null) {
                    socket.getOutputStream().write(body);
                }
                socket.getOutputStream().flush();
            } catch (IOException refusedMidway) {
                // the server answered (e.g. 413) and closed before taking the whole body: read what it said
            }
            return parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (java.net.SocketException reset) {
            // the server may close right after answering a bad request; what arrived is the answer
        }
        return out.toByteArray();
    }

    private static Answer parse(byte[] raw) {
        int end = indexOf(raw, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        String head = new String(raw, 0, end < 0 ? raw.length : end, StandardCharsets.ISO_8859_1);
        byte[] body = end < 0 ? new byte[0] : java.util.Arrays.copyOfRange(raw, end + 4, raw.length);
        String[] lines = head.split("\r\n");
        int status = lines.length > 0 && lines[0].startsWith("HTTP/") && lines[0].length() >= 12
                ? Integer.parseInt(lines[0].substring(9, 12))
                : -1;
        String contentType = null;
        boolean chunked = false;
        for (String line : lines) {
            String lower = line.toLowerCase(Locale.ROOT);
            if (lower.startsWith("content-type:")) {
                contentType = line.substring(13).strip();
            } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
                chunked = true;
            }
        }
        byte[] content = chunked ? dechunk(body) : body;
        return new Answer(status, contentType, new String(content, StandardCharsets.UTF_8), head);
    }

    private static byte[] dechunk(byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        int at = 0;
        while (at < body.length) {
            int lineEnd = indexOf(body, crlf, at);
            if (lineEnd < 0) {
                break;
            }
            String sizeLine = new String(body, at, lineEnd - at, StandardCharsets.US_ASCII);
            int size;
            try {
                size = Integer.parseInt(sizeLine.split(";")[0].strip(), 16);
            } catch (NumberFormatException e) { // cut short: keep what arrived
                break;
            }
            if (size == 0) {
                break;
            }
            int from = lineEnd + 2;
            out.write(body, from, Math.min(size, body.length - from));
            at = from + size + 2;
        }
        return out.toByteArray();
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    public record Answer(int status, String contentType, String body, String head) {}
}
