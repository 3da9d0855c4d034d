package org.stepwise.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SafetensorsTest {

    @Test
    void roundTripsTensorsAndMetadataBitForBit() {
        var w = new Safetensors.Tensor("dense.weight", new int[] {2, 3},
                new float[] {1f, -0f, Float.MIN_VALUE, 3.5e-7f, Float.NaN, 1e30f});
        var b = new Safetensors.Tensor("dense.bias", new int[] {2}, new float[] {0.25f, -8f});
        byte[] bytes = Safetensors.toBytes(List.of(w, b), Map.of("format", "pt"));

        long headerLength = ByteBuffer.wrap(bytes, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        assertEquals(0, headerLength % 8, "the data starts 8-byte aligned");
        assertEquals(8 + headerLength + 8 * 4, bytes.length);

        Safetensors.Contents read = Safetensors.read(bytes, "t.safetensors");
        assertEquals(List.of("dense.weight", "dense.bias"), read.tensors().stream().map(Safetensors.Tensor::name)
                .toList());
        assertArrayEquals(new int[] {2, 3}, read.get("dense.weight").shape());
        for (int i = 0; i < 6; i++) {
            assertEquals(Float.floatToRawIntBits(w.values()[i]),
                    Float.floatToRawIntBits(read.get("dense.weight").values()[i]));
        }
        assertArrayEquals(b.values(), read.get("dense.bias").values());
        assertEquals("pt", read.metadata().get("format"));
    }

    @Test
    void refusesOverlapsGapsForeignTypesAndTruncation() {
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8), "without gaps or overlaps");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8),
                "cover 4 data bytes but the file holds 8");
        assertMessage(file("{\"a\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4), "float32");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8), "needs 12 bytes");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,80]}}", 8), "lie outside");
        assertMessage(file("{\"a\":{\"dtype\":\"F32\",\"shape\":[65536,65536],\"data_offsets\":[0,8]}}", 8),
                "2^31-1");
        byte[] good = Safetensors.toBytes(List.of(new Safetensors.Tensor("x", new int[] {4}, new float[4])), null);
        assertMessage(java.util.Arrays.copyOf(good, 12), "truncated");
        assertMessage(new byte[3], "too short");
        byte[] hugeHeader = new byte[16];
        ByteBuffer.wrap(hugeHeader).order(ByteOrder.LITTLE_ENDIAN).putLong(Long.MAX_VALUE);
        assertMessage(hugeHeader, "header length");
    }

    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(json.length).put(json);
        return buffer.array();
    }

    private static void assertMessage(byte[] bytes, String expected) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> Safetensors.read(bytes, "bad.st"));
        assertTrue(e.getMessage().startsWith("bad.st: ") && e.getMessage().contains(expected), e.getMessage());
    }
}
