package org.hashbridge.sandbox;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * HTTP/1.1 over a plain socket, one keep-alive connection, for requests Java's HTTP client refuses to
 * send: any method, any bytes in the request line and headers. Reads the answer by its
 * {@code Content-Length} or chunked coding, and opens a new connection when the server closed the last.
 */
final class RawHttp implements AutoCloseable {

    private static final int TIMEOUT_MS = 15_000;

    record Response(int status, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final String host;
    private final int port;
    private Socket socket;
    private InputStream in;

    RawHttp(String baseUrl) {
        URI uri = URI.create(baseUrl);
        this.host = uri.getHost();
        this.port = uri.getPort();
    }

    /** Sends {@code request} as it is and reads one answer; {@code head} says the answer has no body. */
    Response exchange(byte[] request, boolean head) {
        try {
            if (socket == null) {
                connect();
            }
            try {
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                return read(head);
            } catch (EOFException | java.net.SocketException stale) {
                // the server closed this keep-alive connection before reading the request: send it once more
                close();
                connect();
                socket.getOutputStream().write(request);
                socket.getOutputStream().flush();
                return read(head);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException(e);
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(TIMEOUT_MS);
        socket.connect(new InetSocketAddress(host, port), TIMEOUT_MS);
        in = new BufferedInputStream(socket.getInputStream());
    }

    private Response read(boolean head) throws IOException {
        int status;
        Map<String, String> headers;
        do {
            String statusLine = line();
            if (statusLine.isEmpty()) {
                throw new EOFException("no answer");
            }
            status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            headers = new LinkedHashMap<>();
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                headers.merge(header.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        header.substring(colon + 1).trim(), (a, b) -> a + ", " + b);
            }
        } while (status >= 100 && status < 200); // an interim answer (100 Continue) precedes the real one
        byte[] body = head || status == 204 || status == 304 ? new byte[0] : body(headers);
        if (headers.getOrDefault("connection", "").equalsIgnoreCase("close")) {
            close();
        }
        return new Response(status, headers, body);
    }

    private byte[] body(Map<String, String> headers) throws IOException {
        if (headers.getOrDefault("transfer-encoding", "").equalsIgnoreCase("chunked")) {
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            for (int size = chunkSize(); size > 0; size = chunkSize()) {
                body.write(in.readNBytes(size));
                line();
            }
            for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
                // trailers are not used here
            }
            return body.toByteArray();
        }
        String length = headers.get("content-length");
        if (length != null) {
            return in.readNBytes(Integer.parseInt(length));
        }
        byte[] rest = in.readAllBytes();
        close();
        return rest;
    }

    private int chunkSize() throws IOException {
        String size = line();
        int extension = size.indexOf(';');
        return Integer.parseInt((extension < 0 ? size : size.substring(0, extension)).trim(), 16);
    }

    private String line() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                if (line.size() == 0) {
                    return "";
                }
                throw new EOFException("connection closed inside a line");
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                // closing a socket the peer may already have closed
            }
            socket = null;
            in = null;
        }
    }
}
