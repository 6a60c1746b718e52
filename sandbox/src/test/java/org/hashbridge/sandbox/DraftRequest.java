package org.hashbridge.sandbox;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.hashbridge.sandbox.MalformedRequests.Expect;
import org.hashbridge.sandbox.MalformedRequests.Request;

/** A raw HTTP request being put together for {@link MalformedRequests}; {@link #build} writes its bytes. */
final class DraftRequest {
    private final String node;
    private final String method;
    private String target;
    private String version = "HTTP/1.1";
    private String lineEnding = "\r\n";
    private final List<String[]> headers = new ArrayList<>();
    private byte[] body;
    private boolean chunked;
    private boolean closeAfter;
    private Expect expect = Expect.REFUSED;

    DraftRequest(String node, String method, String target) {
        this.node = node;
        this.method = method;
        this.target = target;
    }

    String node() {
        return node;
    }

    DraftRequest header(String name, String value) {
        headers.add(new String[]{name, value});
        return this;
    }

    DraftRequest body(String contentType, byte[] bytes) {
        if (!contentType.isEmpty()) {
            header("Content-Type", contentType);
        }
        this.body = bytes;
        return this;
    }

    DraftRequest chunked(String contentType, String chunks) {
        header("Content-Type", contentType).header("Transfer-Encoding", "chunked");
        this.body = chunks.getBytes(StandardCharsets.UTF_8);
        this.chunked = true;
        return this;
    }

    DraftRequest expect(Expect expect) {
        this.expect = expect;
        return this;
    }

    DraftRequest closeAfter() {
        this.closeAfter = true;
        return this;
    }

    DraftRequest version(String version) {
        this.version = version;
        return this;
    }

    DraftRequest target(String target) {
        this.target = target;
        return this;
    }

    DraftRequest lineEnding(String lineEnding) {
        this.lineEnding = lineEnding;
        return this;
    }

    Request build(long index, int port) {
        StringBuilder head = new StringBuilder();
        head.append(method).append(' ').append(target).append(' ').append(version).append(lineEnding);
        if (headers.stream().noneMatch(h -> h[0].equals("Host"))) {
            head.append("Host: 127.0.0.1:").append(port).append(lineEnding);
        }
        headers.forEach(h -> head.append(h[0]).append(": ").append(h[1]).append(lineEnding));
        boolean lengthGiven = headers.stream().anyMatch(h -> h[0].equalsIgnoreCase("Content-Length"));
        if (body != null && !chunked && !lengthGiven) {
            head.append("Content-Length: ").append(body.length).append(lineEnding);
        }
        head.append(lineEnding);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.writeBytes(head.toString().getBytes(StandardCharsets.UTF_8));
        if (body != null && !(lengthGiven && !chunked)) {
            bytes.writeBytes(body);
        }
        return new Request(index, node, method, target, expect, method.equals("HEAD"), closeAfter, bytes.toByteArray());
    }
}
