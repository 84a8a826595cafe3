package registration.ratelimit;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;
import registration.audit.ClientAddresses;

/**
 * Which client a request counts against. {@code X-Forwarded-For} is believed only when the direct peer is
 * a configured trusted proxy: then the client is the right-most entry that is not itself a trusted proxy
 * (entries further left were written by the client and prove nothing). From any other peer the header is
 * ignored, so a client cannot pick its own bucket. IPv6 clients count per /64, the block one subscriber
 * usually holds, so that hopping addresses inside it does not reset the limit.
 */
@Component
class ClientAddress implements ClientAddresses {

    static final String FORWARDED_FOR = "X-Forwarded-For";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9a-fA-F:][0-9a-fA-F:.]*");

    private final List<Range> trustedProxies;

    ClientAddress(RateLimitSettings settings) {
        this.trustedProxies = settings.trustedProxies().stream().map(Range::parse).toList();
    }

    /** The bucket key of the request's client: an IPv4 address, or an IPv6 /64 prefix. */
    String of(HttpServletRequest request) {
        return client(request.getRemoteAddr(), forwardedFor(request));
    }

    /** The client's full address (the audit trail's), with the same proxy trust as {@link #of}. */
    @Override
    public String clientOf(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        return literal(peer).map(address -> resolve(address, forwardedFor(request)).getHostAddress()).orElse(peer);
    }

    private static List<String> forwardedFor(HttpServletRequest request) {
        List<String> forwardedFor = new ArrayList<>();
        for (String header : Collections.list(request.getHeaders(FORWARDED_FOR))) {
            forwardedFor.addAll(Arrays.asList(header.split(",")));
        }
        return forwardedFor;
    }

    String client(String peer, List<String> forwardedFor) {
        Optional<InetAddress> peerAddress = literal(peer);
        if (peerAddress.isEmpty()) {
            return peer; // not an IP (a Unix socket, say): count it as it is
        }
        return key(resolve(peerAddress.get(), forwardedFor));
    }

    private InetAddress resolve(InetAddress peer, List<String> forwardedFor) {
        InetAddress client = peer;
        // Walk right to left through the hops our trusted proxies vouch for; stop at the first one they do not.
        for (int i = forwardedFor.size() - 1; i >= 0 && trusted(client); i--) {
            Optional<InetAddress> hop = literal(forwardedFor.get(i));
            if (hop.isEmpty()) {
                break; // garbage no trusted proxy writes: keep the last address we can vouch for
            }
            client = hop.get();
        }
        return client;
    }

    private boolean trusted(InetAddress address) {
        return trustedProxies.stream().anyMatch(range -> range.contains(address));
    }

    private static String key(InetAddress address) {
        if (address instanceof Inet6Address) {
            byte[] prefix = Arrays.copyOf(address.getAddress(), 16); // the upper 64 bits, the rest zero
            Arrays.fill(prefix, 8, 16, (byte) 0);
            return toAddress(prefix).getHostAddress() + "/64";
        }
        return address.getHostAddress();
    }

    /**
     * Parses an IP literal as proxies write it ({@code 203.0.113.7}, {@code 203.0.113.7:51234},
     * {@code 2001:db8::1}, {@code [2001:db8::1]:443}) without ever asking DNS; anything else is empty.
     */
    static Optional<InetAddress> literal(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') > 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':')); // IPv4 with a port
        }
        if (IPV4.matcher(s).matches()) {
            byte[] bytes = new byte[4];
            String[] octets = s.split("\\.");
            for (int i = 0; i < 4; i++) {
                int octet = Integer.parseInt(octets[i]);
                if (octet > 255) {
                    return Optional.empty();
                }
                bytes[i] = (byte) octet;
            }
            return Optional.of(toAddress(bytes));
        }
        if (s.indexOf(':') >= 0 && IPV6.matcher(s).matches()) {
            try {
                // starting with a hex digit or ':' and holding a ':', the JDK parses it and never asks DNS
                return Optional.of(InetAddress.getByName(s));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static InetAddress toAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // only for a wrong length, which we never build
        }
    }

    /** A trusted proxy entry: one address or a CIDR block. */
    record Range(byte[] network, int prefixBits) {

        static Range parse(String text) {
            String[] parts = text.strip().split("/", 2);
            Optional<InetAddress> address = literal(parts[0]);
            int maxBits = address.map(a -> a instanceof Inet4Address ? 32 : 128).orElse(0);
            int bits = maxBits;
            if (parts.length == 2) {
                bits = parts[1].matches("\\d{1,3}") ? Integer.parseInt(parts[1]) : -1;
            }
            if (address.isEmpty() || bits < 0 || bits > maxBits) {
                throw new IllegalStateException("customer-registration.rate-limit.trusted-proxies: '" + text
                        + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, 192.0.2.1, 2001:db8::/32)");
            }
            return new Range(address.get().getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] bytes = address.getAddress();
            if (bytes.length != network.length) {
                return false;
            }
            for (int bit = 0; bit < prefixBits; bit++) {
                int mask = 0x80 >>> (bit % 8);
                if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
