// A protocol buffers decoder over one message's bytes that trusts nothing it reads: every length is checked against
// the bytes that remain before anything is read or allocated, varints are capped at ten bytes, and nesting is
// capped, so a damaged or hostile file ends in a ModelFormatException with the byte offset, never another exception.
//
// It knows nothing of ONNX; OnnxModel walks the fields it understands and skips the rest.
package org.stepwise.core.onnx;

import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.stepwise.core.io.ModelFormatException;

final class ProtoReader {
    /** The largest field number protobuf allows. */
    static final int MAX_FIELD = (1 << 29) - 1;
    /** Messages within messages; ONNX needs about six, so anything deeper is damage or an attack on the stack. */
    static final int MAX_DEPTH = 32;

    private final byte[] data;
    private final int end;
    private final int depth;
    private final String source;
    private int pos;
    private int field;
    private int wireType;

    /** A reader over the whole array; {@code source} names the file in messages. */
    ProtoReader(byte[] data, String source) {
        this(data, 0, data.length, 0, source);
    }

    private ProtoReader(byte[] data, int start, int end, int depth, String source) {
        this.data = data;
        this.pos = start;
        this.end = end;
        this.depth = depth;
        this.source = source;
    }

    /** Reads the next field's tag; false at the end of the message. */
    boolean next() {
        if (pos >= end) {
            return false;
        }
        int at = pos;
        long tag = rawVarint();
        field = (int) (tag >>> 3);
        wireType = (int) (tag & 7);
        if (tag >>> 3 > MAX_FIELD || field == 0) {
            throw damaged(at, "field number " + (tag >>> 3) + " is outside 1 to " + MAX_FIELD);
        }
        if (wireType != ProtoWriter.VARINT && wireType != ProtoWriter.FIXED64
                && wireType != ProtoWriter.LENGTH_DELIMITED && wireType != ProtoWriter.FIXED32) {
            throw damaged(at, "field " + field + " has wire type " + wireType + ", which ONNX never uses");
        }
        return true;
    }

    int field() {
        return field;
    }

    int wireType() {
        return wireType;
    }

    long varint() {
        expect(ProtoWriter.VARINT, "a whole number");
        return rawVarint();
    }

    /** A varint that must fit an int32 field, such as an enum or a data type. */
    int int32() {
        int at = pos;
        long v = varint();
        // int32 fields encode negative numbers sign-extended to 64 bits, so both ends are legal.
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw damaged(at, "field " + field + " holds " + v + ", which does not fit 32 bits");
        }
        return (int) v;
    }

    float float32() {
        expect(ProtoWriter.FIXED32, "a float");
        require(4);
        return Float.intBitsToFloat(rawFixed32());
    }

    byte[] bytes() {
        int length = length();
        byte[] out = Arrays.copyOfRange(data, pos, pos + length);
        pos += length;
        return out;
    }

    /** A UTF-8 string of at most {@code maxBytes} bytes. */
    String string(int maxBytes) {
        int at = pos;
        int length = length();
        if (length > maxBytes) {
            throw damaged(at, "a string of " + length + " bytes in field " + field + " is longer than the "
                    + maxBytes + " allowed");
        }
        try {
            String s = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data, pos, length))
                    .toString();
            pos += length;
            return s;
        } catch (CharacterCodingException e) {
            throw damaged(at, "the string in field " + field + " is not valid UTF-8");
        }
    }

    /** The nested message in this field, one level deeper. */
    ProtoReader message() {
        int at = pos;
        int length = length();
        if (depth + 1 > MAX_DEPTH) {
            throw damaged(at, "messages are nested more than " + MAX_DEPTH + " deep");
        }
        ProtoReader nested = new ProtoReader(data, pos, pos + length, depth + 1, source);
        pos += length;
        return nested;
    }

    /** One occurrence of a repeated float field, packed (many values) or not (one value), added to {@code into}. */
    void floats(FloatList into) {
        if (wireType == ProtoWriter.FIXED32) {
            into.add(float32());
            return;
        }
        int at = pos;
        int length = length();
        if (length % 4 != 0) {
            throw damaged(at, "packed floats in field " + field + " take " + length + " bytes, not a multiple of 4");
        }
        int stop = pos + length;
        into.reserve(length / 4);
        while (pos < stop) {
            into.add(Float.intBitsToFloat(rawFixed32()));
        }
    }

    /** One occurrence of a repeated int32 or int64 field, packed or not, added to {@code into}. */
    void varints(LongList into) {
        if (wireType == ProtoWriter.VARINT) {
            addChecked(into, rawVarint());
            return;
        }
        int length = length();
        int outerEnd = pos + length;
        ProtoReader packed = new ProtoReader(data, pos, outerEnd, depth, source);
        packed.field = field;
        while (packed.pos < outerEnd) {
            addChecked(into, packed.rawVarint());
        }
        pos = outerEnd;
    }

    private void addChecked(LongList into, long value) {
        if (into.size() >= into.max) {
            throw damaged(pos, "field " + field + " holds more than " + into.max + " numbers");
        }
        into.add(value);
    }

    /** Skips the current field, whatever its type. */
    void skip() {
        switch (wireType) {
            case ProtoWriter.VARINT -> rawVarint();
            case ProtoWriter.FIXED64 -> {
                require(8);
                pos += 8;
            }
            case ProtoWriter.FIXED32 -> {
                require(4);
                pos += 4;
            }
            default -> {
                // Not "pos += length()": that would add to pos as it was before the length prefix was read.
                int length = length();
                pos += length;
            }
        }
    }

    /** A ModelFormatException for a field whose content is wrong, placed at the current byte. */
    ModelFormatException invalid(String detail) {
        return damaged(pos, detail);
    }

    // ---- raw encoding ----------------------------------------------------------------------------------------

    private void expect(int type, String what) {
        if (wireType != type) {
            throw damaged(pos, "field " + field + " should hold " + what + " but has wire type " + wireType);
        }
    }

    // A length prefix, which must fit in what is left of this message.
    private int length() {
        expect(ProtoWriter.LENGTH_DELIMITED, "bytes or a message");
        int at = pos;
        long length = rawVarint();
        if (length < 0 || length > end - pos) {
            throw damaged(at, "field " + field + " claims " + Long.toUnsignedString(length) + " bytes but only "
                    + (end - pos) + " remain in its message; the file is truncated or damaged");
        }
        return (int) length;
    }

    private long rawVarint() {
        int at = pos;
        long value = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (pos >= end) {
                throw damaged(at, "a number runs past the end of its message; the file is truncated or damaged");
            }
            byte b = data[pos++];
            if (shift == 63 && (b & 0x7E) != 0) {
                throw damaged(at, "a number is longer than 64 bits");
            }
            value |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw damaged(at, "a number is longer than ten bytes");
    }

    private int rawFixed32() {
        int v = (data[pos] & 0xFF) | (data[pos + 1] & 0xFF) << 8 | (data[pos + 2] & 0xFF) << 16
                | (data[pos + 3] & 0xFF) << 24;
        pos += 4;
        return v;
    }

    private void require(int bytes) {
        if (end - pos < bytes) {
            throw damaged(pos, "field " + field + " needs " + bytes + " bytes but only " + (end - pos)
                    + " remain; the file is truncated or damaged");
        }
    }

    private ModelFormatException damaged(int at, String detail) {
        return new ModelFormatException(source, 0, 0, "not a valid ONNX file: at byte " + at + ", " + detail);
    }

    // ---- growable arrays for repeated fields, which may come packed or one value at a time ----------------------

    static final class FloatList {
        private float[] values = new float[8];
        private int size;

        void add(float v) {
            reserve(1);
            values[size++] = v;
        }

        void reserve(int more) {
            if (size + more > values.length) {
                values = Arrays.copyOf(values, Math.max(size + more, 2 * values.length));
            }
        }

        int size() {
            return size;
        }

        float[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }

    /** Repeated whole numbers, at most {@code max} of them: a byte each would otherwise let a file ask for 8×. */
    static final class LongList {
        private final int max;
        private long[] values = new long[8];
        private int size;

        LongList(int max) {
            this.max = max;
        }

        void add(long v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, 2 * values.length);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        long[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
