// A protocol buffers encoder for one message: fields are appended in call order, nested messages are encoded first
// and added as length-delimited bytes. Just the wire types ONNX uses: varint, 32-bit, length-delimited.
//
// It knows nothing of ONNX; the field numbers come from OnnxFields.
package org.stepwise.core.onnx;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

final class ProtoWriter {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH_DELIMITED = 2;
    static final int FIXED32 = 5;

    private byte[] buffer = new byte[64];
    private int size;

    /** An int32, int64, enum or bool field; negative values take ten bytes, as protobuf encodes them. */
    ProtoWriter varint(int field, long value) {
        tag(field, VARINT);
        rawVarint(value);
        return this;
    }

    ProtoWriter string(int field, String value) {
        return bytes(field, value.getBytes(StandardCharsets.UTF_8));
    }

    ProtoWriter bytes(int field, byte[] value) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(value.length);
        append(value, 0, value.length);
        return this;
    }

    ProtoWriter message(int field, ProtoWriter nested) {
        tag(field, LENGTH_DELIMITED);
        rawVarint(nested.size);
        append(nested.buffer, 0, nested.size);
        return this;
    }

    /** A float field: four little-endian bytes. */
    ProtoWriter float32(int field, float value) {
        tag(field, FIXED32);
        rawFixed32(Float.floatToRawIntBits(value));
        return this;
    }

    /** A repeated float field, packed: one length, then four bytes per value. */
    ProtoWriter packedFloats(int field, float[] values) {
        tag(field, LENGTH_DELIMITED);
        rawVarint((long) values.length * Float.BYTES);
        ensure(values.length * Float.BYTES);
        for (float v : values) {
            rawFixed32(Float.floatToRawIntBits(v));
        }
        return this;
    }

    /** A repeated int32 or int64 field, packed: one length, then a varint per value. */
    ProtoWriter packedVarints(int field, long[] values) {
        ProtoWriter body = new ProtoWriter();
        for (long v : values) {
            body.rawVarint(v);
        }
        tag(field, LENGTH_DELIMITED);
        rawVarint(body.size);
        append(body.buffer, 0, body.size);
        return this;
    }

    int size() {
        return size;
    }

    byte[] toBytes() {
        return Arrays.copyOf(buffer, size);
    }

    private void tag(int field, int wireType) {
        if (field <= 0 || field > ProtoReader.MAX_FIELD) {
            throw new IllegalArgumentException("Protobuf field numbers run from 1 to " + ProtoReader.MAX_FIELD
                    + ", not " + field);
        }
        rawVarint(((long) field << 3) | wireType);
    }

    // Seven bits per byte, low bits first; the high bit says another byte follows.
    private void rawVarint(long value) {
        ensure(10);
        while ((value & ~0x7FL) != 0) {
            buffer[size++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buffer[size++] = (byte) value;
    }

    private void rawFixed32(int bits) {
        ensure(4);
        buffer[size++] = (byte) bits;
        buffer[size++] = (byte) (bits >>> 8);
        buffer[size++] = (byte) (bits >>> 16);
        buffer[size++] = (byte) (bits >>> 24);
    }

    private void append(byte[] bytes, int from, int length) {
        ensure(length);
        System.arraycopy(bytes, from, buffer, size, length);
        size += length;
    }

    private void ensure(int more) {
        long needed = (long) size + more;
        if (needed > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("A protobuf message cannot exceed 2 GB");
        }
        if (needed > buffer.length) {
            buffer = Arrays.copyOf(buffer, (int) Math.min(Integer.MAX_VALUE - 8, Math.max(needed, 2L * buffer.length)));
        }
    }
}
