// The safetensors format: an 8-byte little-endian header length N, N bytes of JSON naming each tensor's dtype,
// shape and [begin, end) byte range in the data that follows, then the data. Hugging Face's format, chosen because
// it holds nothing but numbers: reading one cannot run code, unlike a pickled PyTorch checkpoint.
//
// Stepwise writes float32 only. Reading is defensive: the header is size-capped and parsed as a Jackson tree,
// every range must lie inside the data, ranges must tile the data without gaps or overlaps (as the format requires),
// and a shape's element count must match its byte range before any array is allocated.
package org.stepwise.core.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

public final class Safetensors {
    /** Far above any header Stepwise writes; the format's own reference implementation caps it at 100 MB. */
    public static final int MAX_HEADER_BYTES = 16 << 20;
    /** Tensors per file; a graph within Network's limits has far fewer. */
    public static final int MAX_TENSORS = 100_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One float32 tensor: a name such as "hidden1.weight", its dimensions (may be empty for a scalar) and values. */
    public record Tensor(String name, int[] shape, float[] values) {
        public Tensor {
            long size = 1;
            for (int d : shape) {
                if (d < 0) {
                    throw new IllegalArgumentException("The tensor " + name + " has a negative dimension: "
                            + Arrays.toString(shape));
                }
                size *= d;
            }
            if (size != values.length) {
                throw new IllegalArgumentException("The tensor " + name + " has shape " + Arrays.toString(shape)
                        + " but " + values.length + " values");
            }
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** What a file holds: tensors in data order, and the free-form string metadata ("__metadata__"). */
    public record Contents(List<Tensor> tensors, Map<String, String> metadata) {
        public Contents {
            tensors = List.copyOf(tensors);
            metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        }

        /** The tensor of that name, or null. */
        public Tensor get(String name) {
            for (Tensor t : tensors) {
                if (t.name().equals(name)) {
                    return t;
                }
            }
            return null;
        }
    }

    private Safetensors() {
    }

    // ---- writing -------------------------------------------------------------------------------------------

    /** Writes the tensors in list order; names must be unique. */
    public static void write(OutputStream out, List<Tensor> tensors, Map<String, String> metadata)
            throws IOException {
        ObjectNode header = JsonNodeFactory.instance.objectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (Tensor t : tensors) {
            if (t.name().equals("__metadata__") || header.has(t.name())) {
                throw new IllegalArgumentException("The tensor name " + t.name() + " is used twice or reserved");
            }
            ObjectNode entry = header.putObject(t.name());
            entry.put("dtype", "F32");
            var shape = entry.putArray("shape");
            for (int d : t.shape()) {
                shape.add(d);
            }
            long end = offset + (long) t.values().length * Float.BYTES;
            entry.putArray("data_offsets").add(offset).add(end);
            offset = end;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(header);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A JSON tree could not be written", e);
        }
        // Pad the header with spaces so the data starts 8-byte aligned, as the format recommends.
        int padded = (json.length + 7) & ~7;
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded);
        out.write(length.array());
        out.write(json);
        for (int i = json.length; i < padded; i++) {
            out.write(' ');
        }
        ByteBuffer buffer = ByteBuffer.allocate(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
        for (Tensor t : tensors) {
            for (float v : t.values()) {
                if (!buffer.hasRemaining()) {
                    out.write(buffer.array(), 0, buffer.position());
                    buffer.clear();
                }
                buffer.putFloat(v);
            }
        }
        out.write(buffer.array(), 0, buffer.position());
    }

    public static byte[] toBytes(List<Tensor> tensors, Map<String, String> metadata) {
        var out = new java.io.ByteArrayOutputStream();
        try {
            write(out, tensors, metadata);
        } catch (IOException e) {
            throw new IllegalStateException("Writing to memory failed", e);
        }
        return out.toByteArray();
    }

    // ---- reading -------------------------------------------------------------------------------------------

    /**
     * Reads a whole safetensors file from memory.
     *
     * @param source how messages name the file, e.g. "model.safetensors" or "run.stepwise (weights.safetensors)"
     * @throws ModelFormatException when the bytes are not a well-formed float32 safetensors file
     */
    public static Contents read(byte[] bytes, String source) {
        if (bytes.length < 8) {
            throw fail(source, "the file is " + bytes.length + " bytes, too short for a safetensors header");
        }
        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES) {
            throw fail(source, "the header length " + headerLength + " is outside 2 to " + MAX_HEADER_BYTES
                    + " bytes; the file is damaged or not safetensors");
        }
        if (headerLength > bytes.length - 8L) {
            throw fail(source, "the header claims " + headerLength + " bytes but only " + (bytes.length - 8)
                    + " follow; the file is truncated");
        }
        JsonNode header;
        try {
            header = JSON.readTree(new String(bytes, 8, (int) headerLength, StandardCharsets.UTF_8).strip());
        } catch (JsonProcessingException e) {
            throw fail(source, "the header is not JSON: " + e.getOriginalMessage());
        }
        if (header == null || !header.isObject()) {
            throw fail(source, "the header is not a JSON object");
        }
        int dataStart = 8 + (int) headerLength;
        long dataLength = bytes.length - (long) dataStart;

        Map<String, String> metadata = new LinkedHashMap<>();
        record Placed(String name, int[] shape, long begin, long end) {
        }
        List<Placed> placed = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = header.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String name = field.getKey();
            JsonNode entry = field.getValue();
            if (name.equals("__metadata__")) {
                if (!entry.isObject()) {
                    throw fail(source, "__metadata__ must be an object of strings");
                }
                entry.fields().forEachRemaining(m -> {
                    if (!m.getValue().isTextual()) {
                        throw fail(source, "__metadata__ '" + m.getKey() + "' must be a string");
                    }
                    metadata.put(m.getKey(), m.getValue().asText());
                });
                continue;
            }
            if (placed.size() >= MAX_TENSORS) {
                throw fail(source, "the file lists more than " + MAX_TENSORS + " tensors");
            }
            if (!entry.isObject()) {
                throw fail(source, "tensor '" + name + "': expected an object with dtype, shape and data_offsets");
            }
            String dtype = entry.path("dtype").asText("");
            if (!dtype.equals("F32")) {
                throw fail(source, "tensor '" + name + "' has dtype " + entry.path("dtype")
                        + "; Stepwise reads float32 (F32) tensors only");
            }
            JsonNode shapeNode = entry.path("shape");
            if (!shapeNode.isArray() || shapeNode.size() > 8) {
                throw fail(source, "tensor '" + name + "': 'shape' must be a list of at most 8 dimensions");
            }
            int[] shape = new int[shapeNode.size()];
            long count = 1;
            for (int i = 0; i < shape.length; i++) {
                JsonNode d = shapeNode.get(i);
                if (!d.canConvertToInt() || d.asInt() < 0 || !d.isIntegralNumber()) {
                    throw fail(source, "tensor '" + name + "': dimension " + d + " is not a whole number ≥ 0");
                }
                shape[i] = d.asInt();
                count *= shape[i];
                if (count > Integer.MAX_VALUE) {
                    throw fail(source, "tensor '" + name + "' has more than 2^31-1 elements");
                }
            }
            JsonNode offsets = entry.path("data_offsets");
            if (!offsets.isArray() || offsets.size() != 2 || !offsets.get(0).canConvertToLong()
                    || !offsets.get(1).canConvertToLong()) {
                throw fail(source, "tensor '" + name + "': 'data_offsets' must be two whole numbers");
            }
            long begin = offsets.get(0).asLong();
            long end = offsets.get(1).asLong();
            if (begin < 0 || end < begin || end > dataLength) {
                throw fail(source, "tensor '" + name + "': data_offsets [" + begin + ", " + end
                        + "] lie outside the " + dataLength + " data bytes");
            }
            if (end - begin != count * Float.BYTES) {
                throw fail(source, "tensor '" + name + "': shape " + Arrays.toString(shape) + " needs "
                        + count * Float.BYTES + " bytes but data_offsets give " + (end - begin));
            }
            placed.add(new Placed(name, shape, begin, end));
        }
        List<Placed> byOffset = new ArrayList<>(placed);
        byOffset.sort((a, b) -> Long.compare(a.begin(), b.begin()));
        long expected = 0;
        for (Placed p : byOffset) {
            if (p.begin() != expected) {
                throw fail(source, "tensor '" + p.name() + "' starts at byte " + p.begin() + " but the previous "
                        + "tensor ends at " + expected + "; tensors must tile the data without gaps or overlaps");
            }
            expected = p.end();
        }
        if (expected != dataLength) {
            throw fail(source, "the tensors cover " + expected + " data bytes but the file holds " + dataLength);
        }
        List<Tensor> tensors = new ArrayList<>();
        ByteBuffer data = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        for (Placed p : byOffset) {
            float[] values = new float[(int) ((p.end() - p.begin()) / Float.BYTES)];
            data.position(dataStart + (int) p.begin());
            data.asFloatBuffer().get(values);
            tensors.add(new Tensor(p.name(), p.shape(), values));
        }
        return new Contents(tensors, metadata);
    }

    private static ModelFormatException fail(String source, String detail) {
        return new ModelFormatException(source, 0, 0, detail);
    }
}
