package io.github.sessionfilter.javax;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The constant pool of one class file, read by hand (JVMS 4.4): every UTF-8 constant (class, member and
 * descriptor names, string literals) and every field or method reference as owner, name and descriptor.
 */
record ClassConstants(List<String> utf8, List<MemberRef> members, List<String> classes) {

    /** A {@code Fieldref}, {@code Methodref} or {@code InterfaceMethodref}: owner in internal form ({@code a/b/C}). */
    record MemberRef(String owner, String name, String descriptor) {
        @Override
        public String toString() {
            return owner + "." + name + descriptor;
        }
    }

    static ClassConstants read(byte[] classFile) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(classFile));
        if (in.readInt() != 0xCAFEBABE) {
            throw new IOException("not a class file");
        }
        in.readUnsignedShort(); // minor
        in.readUnsignedShort(); // major
        int count = in.readUnsignedShort();
        int[] tags = new int[count];
        String[] texts = new String[count];
        int[] first = new int[count];
        int[] second = new int[count];
        for (int i = 1; i < count; i++) {
            int tag = in.readUnsignedByte();
            tags[i] = tag;
            switch (tag) {
                case 1 -> texts[i] = in.readUTF();
                case 3, 4 -> in.readInt();
                case 5, 6 -> {
                    in.readLong();
                    i++; // takes two slots
                }
                case 7, 8, 16, 19, 20 -> first[i] = in.readUnsignedShort();
                case 9, 10, 11, 12, 17, 18 -> {
                    first[i] = in.readUnsignedShort();
                    second[i] = in.readUnsignedShort();
                }
                case 15 -> {
                    in.readUnsignedByte();
                    first[i] = in.readUnsignedShort();
                }
                default -> throw new IOException("unknown constant pool tag " + tag + " at " + i);
            }
        }
        List<String> utf8 = new ArrayList<>();
        List<MemberRef> members = new ArrayList<>();
        List<String> classes = new ArrayList<>();
        for (int i = 1; i < count; i++) {
            switch (tags[i]) {
                case 1 -> utf8.add(texts[i]);
                case 7 -> classes.add(texts[first[i]]);
                case 9, 10, 11 -> {
                    String owner = texts[first[first[i]]];
                    int nameAndType = second[i];
                    members.add(new MemberRef(owner, texts[first[nameAndType]], texts[second[nameAndType]]));
                }
                default -> {
                }
            }
        }
        return new ClassConstants(utf8, members, classes);
    }
}
