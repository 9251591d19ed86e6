package dev.podbgp.bgp.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Wireshark as an independent decoder of our bytes: {@code text2pcap} wraps
 * a byte stream into one TCP connection from port 179, {@code tshark -T pdml}
 * dissects it, and this class returns one {@link Pdu} per BGP message in
 * stream order, with the field values tshark shows and the expert
 * findings it raised.
 */
final class Tshark {
    /** Expert severities of epan/proto.h, as PDML shows them. */
    static final long SEVERITY_WARN = 0x00600000L;

    /** Largest TCP payload per packet: longer streams are cut, so tshark has to reassemble. */
    private static final int SEGMENT = 1400;

    private Tshark() {
    }

    /** Whether text2pcap and tshark are both on the PATH. */
    static boolean available() {
        return runs("tshark", "--version") && runs("text2pcap", "--version");
    }

    private static boolean runs(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** One BGP message as tshark dissected it. */
    record Pdu(int frame, String summary, Map<String, List<String>> fields, List<String> problems) {
        /** Every value tshark showed for {@code field}, in order; empty when it showed none. */
        List<String> all(String field) {
            return fields.getOrDefault(field, List.of());
        }

        String one(String field) {
            List<String> v = all(field);
            if (v.size() != 1) {
                throw new AssertionError("expected one " + field + " in " + summary + ", got " + v);
            }
            return v.get(0);
        }
    }

    /** The dissection of a whole capture: BGP PDUs in stream order and findings outside them. */
    record Dissection(List<Pdu> pdus, List<String> problems) {
    }

    /**
     * Dissects {@code stream} (concatenated BGP messages) as sent from port
     * 179 to {@code peerPort}, with extra tshark {@code -o} preferences.
     */
    static Dissection dissect(byte[] stream, Path workDir, int peerPort, String... preferences)
            throws IOException, InterruptedException {
        Path hex = workDir.resolve("stream.txt");
        Path pcap = workDir.resolve("stream.pcap");
        Files.writeString(hex, hexDump(stream), StandardCharsets.US_ASCII);
        run(workDir, List.of("text2pcap", "-q", "-T", "179," + peerPort, hex.toString(), pcap.toString()));
        List<String> cmd = new ArrayList<>(List.of("tshark", "-n", "-r", pcap.toString(), "-T", "pdml",
                "-o", "tcp.desegment_tcp_streams:TRUE", "-o", "bgp.desegment:TRUE"));
        for (String p : preferences) {
            cmd.add("-o");
            cmd.add(p);
        }
        byte[] pdml = run(workDir, cmd);
        return parse(pdml);
    }

    /**
     * The text2pcap input: one packet per {@link #SEGMENT} bytes, each a run
     * of {@code offset byte byte ...} lines whose offset restarts at 0.
     */
    static String hexDump(byte[] stream) {
        StringBuilder sb = new StringBuilder(stream.length * 4);
        for (int start = 0; start < stream.length; start += SEGMENT) {
            int end = Math.min(stream.length, start + SEGMENT);
            for (int line = start; line < end; line += 16) {
                sb.append(String.format("%06x", line - start));
                for (int i = line; i < Math.min(end, line + 16); i++) {
                    sb.append(' ').append(String.format("%02x", stream[i] & 0xFF));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static byte[] run(Path dir, List<String> command) throws IOException, InterruptedException {
        Path err = dir.resolve("stderr.txt");
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(err.toFile()).start();
        byte[] out;
        try (InputStream in = p.getInputStream()) {
            out = in.readAllBytes();
        }
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 120 s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + ": "
                    + Files.readString(err));
        }
        return out;
    }

    static Dissection parse(byte[] pdml) throws IOException {
        Document doc;
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            doc = f.newDocumentBuilder().parse(new java.io.ByteArrayInputStream(pdml));
        } catch (javax.xml.parsers.ParserConfigurationException | org.xml.sax.SAXException e) {
            throw new IOException("tshark wrote PDML that does not parse: " + e.getMessage(), e);
        }
        List<Pdu> pdus = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        NodeList packets = doc.getElementsByTagName("packet");
        for (int i = 0; i < packets.getLength(); i++) {
            int frame = i + 1;
            Pdu last = null;
            for (Node n = packets.item(i).getFirstChild(); n != null; n = n.getNextSibling()) {
                if (!(n instanceof Element proto) || !proto.getTagName().equals("proto")) {
                    continue;
                }
                String name = proto.getAttribute("name");
                if (name.equals("bgp")) {
                    Map<String, List<String>> fields = new LinkedHashMap<>();
                    List<String> pduProblems = new ArrayList<>();
                    collect(proto, fields, pduProblems);
                    last = new Pdu(frame, proto.getAttribute("showname"), fields, pduProblems);
                    pdus.add(last);
                } else if (name.startsWith("_ws.")) {
                    // _ws.malformed, _ws.short: the dissector of the PDU before it gave up.
                    String problem = "frame " + frame + ": " + proto.getAttribute("showname");
                    if (last != null) {
                        last.problems().add(problem);
                    } else {
                        problems.add(problem);
                    }
                } else {
                    List<String> other = new ArrayList<>();
                    collect(proto, new LinkedHashMap<>(), other);
                    for (String o : other) {
                        problems.add("frame " + frame + " " + name + ": " + o);
                    }
                }
            }
        }
        return new Dissection(pdus, problems);
    }

    /** Field values in document order; expert items at warning level or above become problems. */
    private static void collect(Element parent, Map<String, List<String>> fields, List<String> problems) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element e)) {
                continue;
            }
            String name = e.getAttribute("name");
            if (name.equals("_ws.expert")) {
                long severity = 0;
                for (Node c = e.getFirstChild(); c != null; c = c.getNextSibling()) {
                    if (c instanceof Element ce && ce.getAttribute("name").equals("_ws.expert.severity")) {
                        severity = Long.parseLong(ce.getAttribute("show"));
                    }
                }
                if (severity >= SEVERITY_WARN) {
                    problems.add(e.getAttribute("showname"));
                }
            } else if (name.startsWith("_ws.malformed") || name.startsWith("_ws.short")) {
                problems.add(e.getAttribute("showname"));
            } else if (e.hasAttribute("show")) {
                fields.computeIfAbsent(name, k -> new ArrayList<>()).add(e.getAttribute("show"));
            }
            collect(e, fields, problems);
        }
    }
}
