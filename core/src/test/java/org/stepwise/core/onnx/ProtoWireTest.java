// The wire format both ways: what ProtoWriter writes, ProtoReader reads back, including the edge values of varints.
package org.stepwise.core.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.stepwise.core.io.ModelFormatException;

class ProtoWireTest {

    @Test
    void fieldsReadBackAsWritten() {
        long[] numbers = {0, 1, 127, 128, 300, Integer.MAX_VALUE, -1, Long.MIN_VALUE, Long.MAX_VALUE};
        float[] floats = {0f, -0f, 1.5f, Float.MIN_VALUE, Float.NaN, -3e38f};
        byte[] bytes = new ProtoWriter()
                .varint(1, 300)
                .string(2, "héllo")
                .float32(3, -2.25f)
                .packedVarints(4, numbers)
                .packedFloats(5, floats)
                .message(6, new ProtoWriter().varint(1, -7))
                .varint(536_870_911, 1)
                .toBytes();
        assertEquals(0x08, bytes[0], "field 1, wire type 0");
        assertEquals((byte) 0xAC, bytes[1], "300 = 0b10_0101100: low seven bits first, with the continuation bit");
        assertEquals(0x02, bytes[2]);

        ProtoReader r = new ProtoReader(bytes, "t");
        assertTrue(r.next());
        assertEquals(300, r.varint());
        assertTrue(r.next());
        assertEquals("héllo", r.string(100));
        assertTrue(r.next());
        assertEquals(-2.25f, r.float32());
        assertTrue(r.next());
        ProtoReader.LongList longs = new ProtoReader.LongList(100);
        r.varints(longs);
        assertArrayEquals(numbers, longs.toArray());
        assertTrue(r.next());
        ProtoReader.FloatList fl = new ProtoReader.FloatList();
        r.floats(fl);
        float[] read = fl.toArray();
        for (int i = 0; i < floats.length; i++) {
            assertEquals(Float.floatToRawIntBits(floats[i]), Float.floatToRawIntBits(read[i]));
        }
        assertTrue(r.next());
        ProtoReader nested = r.message();
        assertTrue(nested.next());
        assertEquals(-7, nested.int32());
        assertFalse(nested.next());
        assertTrue(r.next());
        assertEquals(536_870_911, r.field());
        r.skip();
        assertFalse(r.next());
    }

    @Test
    void repeatedNumbersMayArriveUnpackedAndAreCapped() {
        byte[] bytes = new ProtoWriter().varint(1, 5).varint(1, 6).varint(1, 7).toBytes();
        ProtoReader r = new ProtoReader(bytes, "t");
        ProtoReader.LongList two = new ProtoReader.LongList(2);
        r.next();
        r.varints(two);
        r.next();
        r.varints(two);
        r.next();
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> r.varints(two));
        assertEquals("t: not a valid ONNX file: at byte 6, field 1 holds more than 2 numbers", e.getMessage());
    }

    @Test
    void aWrongWireTypeOrBadUtf8IsNamed() {
        ProtoReader r = new ProtoReader(new ProtoWriter().varint(2, 1).toBytes(), "t");
        r.next();
        assertTrue(assertThrows(ModelFormatException.class, r::message).getMessage()
                .contains("field 2 should hold bytes or a message but has wire type 0"));
        ProtoReader s = new ProtoReader(new ProtoWriter().bytes(1, new byte[] {(byte) 0xC3}).toBytes(), "t");
        s.next();
        assertTrue(assertThrows(ModelFormatException.class, () -> s.string(10)).getMessage()
                .contains("not valid UTF-8"));
    }

    @Test
    void nestingDeeperThanTheLimitIsRefused() {
        ProtoWriter w = new ProtoWriter().varint(1, 1);
        for (int i = 0; i < ProtoReader.MAX_DEPTH + 1; i++) {
            w = new ProtoWriter().message(1, w);
        }
        ProtoReader r = new ProtoReader(w.toBytes(), "t");
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> {
            ProtoReader at = r;
            while (at.next()) {
                at = at.message();
            }
        });
        assertTrue(e.getMessage().contains("nested more than 32 deep"), e.getMessage());
    }
}
