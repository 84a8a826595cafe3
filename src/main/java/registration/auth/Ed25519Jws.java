package registration.auth;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Set;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.jca.JCAContext;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.util.Base64URL;

/**
 * EdDSA (Ed25519) signing and verification with the JDK's own implementation (Nimbus's needs Google Tink, which this
 * service does not ship). The raw JWK keys become JDK keys by prefixing the fixed DER headers of RFC 8410.
 */
final class Ed25519Jws {

    private static final byte[] PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final byte[] X509_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.EdDSA);

    private Ed25519Jws() {
    }

    static JWSSigner signer(OctetKeyPair key) throws GeneralSecurityException {
        PrivateKey privateKey = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new PKCS8EncodedKeySpec(concat(PKCS8_PREFIX, key.getDecodedD())));
        JCAContext context = new JCAContext();
        return new JWSSigner() {
            @Override
            public Base64URL sign(JWSHeader header, byte[] signingInput) throws JOSEException {
                try {
                    Signature signature = Signature.getInstance("Ed25519");
                    signature.initSign(privateKey);
                    signature.update(signingInput);
                    return Base64URL.encode(signature.sign());
                } catch (GeneralSecurityException e) {
                    throw new JOSEException(e.getMessage(), e);
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return ALGORITHMS;
            }

            @Override
            public JCAContext getJCAContext() {
                return context;
            }
        };
    }

    static JWSVerifier verifier(OctetKeyPair key) throws GeneralSecurityException {
        PublicKey publicKey = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(concat(X509_PREFIX, key.getDecodedX())));
        JCAContext context = new JCAContext();
        return new JWSVerifier() {
            @Override
            public boolean verify(JWSHeader header, byte[] signedContent, Base64URL signature) {
                try {
                    Signature verifier = Signature.getInstance("Ed25519");
                    verifier.initVerify(publicKey);
                    verifier.update(signedContent);
                    return verifier.verify(signature.decode());
                } catch (GeneralSecurityException e) {
                    return false;
                }
            }

            @Override
            public Set<JWSAlgorithm> supportedJWSAlgorithms() {
                return ALGORITHMS;
            }

            @Override
            public JCAContext getJCAContext() {
                return context;
            }
        };
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
