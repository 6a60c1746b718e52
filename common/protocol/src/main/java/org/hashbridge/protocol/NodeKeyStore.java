package org.hashbridge.protocol;

import com.nimbusds.jose.util.Base64URL;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.UnrecoverableKeyException;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DERBitString;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x509.TBSCertificate;
import org.bouncycastle.asn1.x509.Time;
import org.bouncycastle.asn1.x509.V3TBSCertificateGenerator;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

/**
 * A node's secret keys in one PKCS#12 key store: alias {@value #RECEIPT} holds the key that signs its receipts (a
 * PrivateKeyEntry, Ed25519 or SM2, with a self-signed certificate carrying its public half), alias {@value #SUBJECT}
 * the 32-byte HmacSHA256 key that turns resident identifiers into pseudonyms (a SecretKeyEntry). Both entries are
 * protected by the store's password. An Ed25519 store can also be made with the JDK's {@code keytool}
 * (docs/operations.md). The keys are never part of {@link #toString()}.
 */
public final class NodeKeyStore {

    public static final String RECEIPT = "receipt";
    public static final String SUBJECT = "subject";

    static final Provider BC = new BouncyCastleProvider();
    private static final ASN1ObjectIdentifier ED25519 = new ASN1ObjectIdentifier("1.3.101.112");
    private static final ASN1ObjectIdentifier EC_PUBLIC_KEY = new ASN1ObjectIdentifier("1.2.840.10045.2.1");
    private static final Duration CERTIFICATE_VALIDITY = Duration.ofDays(3650);

    private final ReceiptSigner receiptSigner;
    private final byte[] subjectKey;

    private NodeKeyStore(ReceiptSigner receiptSigner, byte[] subjectKey) {
        this.receiptSigner = receiptSigner;
        this.subjectKey = subjectKey;
    }

    /** Signs receipts with the store's {@value #RECEIPT} key. */
    public ReceiptSigner receiptSigner() {
        return receiptSigner;
    }

    /** The {@value #SUBJECT} key for {@link SubjectReference}; a copy. */
    public byte[] subjectKey() {
        return subjectKey.clone();
    }

    /**
     * Writes a new store at {@code path} (owner-only permissions) with a fresh receipt key of {@code algorithm} and a
     * fresh subject key.
     *
     * @throws IllegalArgumentException for {@code ES256}, which signs no new receipts
     * @throws KeyStoreProblem          when the file exists or cannot be written
     */
    public static NodeKeyStore create(ReceiptAlgorithm algorithm, char[] password, Path path) {
        byte[] subject = new byte[32];
        new SecureRandom().nextBytes(subject);
        return write(algorithm, subject, password, path);
    }

    /**
     * Writes a new store at {@code path} with a fresh receipt key of {@code algorithm} and this store's subject key: a
     * receipt key rotation, which keeps every resident's pseudonym. This store's receipt key signs nothing once the
     * node runs on the new one; its public half must stay published ({@code hashbridge.receipts.retired-keys}).
     *
     * @throws IllegalArgumentException for {@code ES256}
     * @throws KeyStoreProblem          when the file exists or cannot be written
     */
    public NodeKeyStore withNewReceiptKey(ReceiptAlgorithm algorithm, char[] password, Path path) {
        return write(algorithm, subjectKey, password, path);
    }

    private static NodeKeyStore write(ReceiptAlgorithm algorithm, byte[] subject, char[] password, Path path) {
        Objects.requireNonNull(password, "password");
        if (algorithm == ReceiptAlgorithm.ES256) {
            throw new IllegalArgumentException("ES256 signs no new receipts: a key store holds an EDDSA or SM2 key");
        }
        try {
            KeyPair pair = algorithm == ReceiptAlgorithm.SM2 ? sm2Pair() : KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            Certificate certificate = selfSigned(pair, algorithm);
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            KeyStore.PasswordProtection protection = new KeyStore.PasswordProtection(password);
            store.setEntry(RECEIPT, new KeyStore.PrivateKeyEntry(pair.getPrivate(), new Certificate[] {certificate}), protection);
            store.setEntry(SUBJECT, new KeyStore.SecretKeyEntry(new SecretKeySpec(subject, "HmacSHA256")), protection);
            Files.createDirectories(path.toAbsolutePath().getParent());
            Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            try (OutputStream out = Files.newOutputStream(path, StandardOpenOption.TRUNCATE_EXISTING)) {
                store.store(out, password);
            }
            return new NodeKeyStore(signer(pair.getPrivate().getEncoded()), subject);
        } catch (IOException e) {
            throw KeyStoreProblem.unwritable(path, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make " + algorithm + " keys", e);
        }
    }

    /**
     * Reads the store at {@code path}.
     *
     * @throws KeyStoreProblem when the file cannot be read, is not a PKCS#12 store, the password is wrong, or an alias
     *                         is missing or holds a key of another kind; its message names the file, never a key or the
     *                         password
     */
    public static NodeKeyStore load(Path path, char[] password) {
        Objects.requireNonNull(password, "password");
        KeyStore store;
        try {
            store = read(path, password);
        } catch (KeyStoreProblem e) {
            return Sm2Stores.load(path, password).orElseThrow(() -> e);
        }
        try {
            if (!store.isKeyEntry(RECEIPT) || store.getCertificate(RECEIPT) == null
                    || !(store.getKey(RECEIPT, password) instanceof PrivateKey)) {
                throw KeyStoreProblem.missing(path, RECEIPT, "a private key with its certificate");
            }
            if (!store.isKeyEntry(SUBJECT) || !(store.getKey(SUBJECT, password) instanceof SecretKey subject)
                    || subject.getEncoded() == null || subject.getEncoded().length != 32) {
                throw KeyStoreProblem.missing(path, SUBJECT, "a 32-byte HmacSHA256 secret key");
            }
            return of(path, store.getKey(RECEIPT, password).getEncoded(), subject.getEncoded());
        } catch (UnrecoverableKeyException e) {
            throw KeyStoreProblem.wrongPassword(path);
        } catch (GeneralSecurityException e) {
            throw KeyStoreProblem.missing(path, RECEIPT, "an Ed25519 or SM2 private key with its certificate");
        }
    }

    /**
     * @param receipt the receipt key's PKCS#8 encoding
     * @throws KeyStoreProblem when the key is not an Ed25519 or SM2 key
     */
    static NodeKeyStore of(Path path, byte[] receipt, byte[] subject) {
        try {
            return new NodeKeyStore(signer(receipt), subject);
        } catch (IOException | IllegalArgumentException e) {
            throw KeyStoreProblem.missing(path, RECEIPT, "an Ed25519 or SM2 private key with its certificate");
        }
    }

    private static KeyStore read(Path path, char[] password) {
        try (InputStream in = Files.newInputStream(path)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException || e.getMessage() != null
                    && e.getMessage().toLowerCase(java.util.Locale.ROOT).contains("password")) {
                throw KeyStoreProblem.wrongPassword(path);
            }
            throw KeyStoreProblem.unreadable(path, e);
        } catch (GeneralSecurityException e) {
            throw KeyStoreProblem.unreadable(path, e);
        }
    }

    /** The receipt signer of a private key in PKCS#8, through the key's JWK; the public half is derived from it. */
    private static ReceiptSigner signer(byte[] pkcs8) throws IOException {
        PrivateKeyInfo privateKey = PrivateKeyInfo.getInstance(pkcs8);
        AlgorithmIdentifier algorithm = privateKey.getPrivateKeyAlgorithm();
        String json;
        if (ED25519.equals(algorithm.getAlgorithm())) {
            byte[] d = ASN1OctetString.getInstance(privateKey.parsePrivateKey()).getOctets();
            byte[] x = new Ed25519PrivateKeyParameters(d).generatePublicKey().getEncoded();
            json = jwk(Map.of("kty", "OKP", "crv", "Ed25519", "x", b64(x), "d", b64(d)));
        } else if (EC_PUBLIC_KEY.equals(algorithm.getAlgorithm()) && GMObjectIdentifiers.sm2p256v1.equals(algorithm.getParameters())) {
            BigInteger d = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(privateKey.parsePrivateKey()).getKey();
            ECPoint q = Sm2.RECEIPTS.publicKey(Sm2.RECEIPTS.privateKey(d)).getQ().normalize();
            int size = Sm2.RECEIPTS.size();
            json = jwk(Map.of("kty", "EC", "crv", Sm2Key.CURVE, "x", b64(BigIntegers.asUnsignedByteArray(size, q.getAffineXCoord().toBigInteger())),
                    "y", b64(BigIntegers.asUnsignedByteArray(size, q.getAffineYCoord().toBigInteger())),
                    "d", b64(BigIntegers.asUnsignedByteArray(size, d))));
        } else {
            throw new IllegalArgumentException("not an Ed25519 or SM2 key");
        }
        return ReceiptSigner.fromPrivateJwk(json);
    }

    private static String b64(byte[] bytes) {
        return Base64URL.encode(bytes).toString();
    }

    private static String jwk(Map<String, String> members) {
        return com.nimbusds.jose.util.JSONObjectUtils.toJSONString(new java.util.LinkedHashMap<>(members));
    }

    private static KeyPair sm2Pair() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC", BC);
        generator.initialize(new ECGenParameterSpec("sm2p256v1"));
        return generator.generateKeyPair();
    }

    /** A certificate of the key's public half signed by the key itself: PKCS#12 keeps a private key with one. */
    private static Certificate selfSigned(KeyPair pair, ReceiptAlgorithm algorithm) throws GeneralSecurityException,
            IOException {
        boolean sm2 = algorithm == ReceiptAlgorithm.SM2;
        AlgorithmIdentifier signature = new AlgorithmIdentifier(sm2 ? GMObjectIdentifiers.sm2sign_with_sm3
                : ED25519);
        X500Name name = new X500Name("CN=HashBridge receipt key");
        Instant now = Instant.now();
        V3TBSCertificateGenerator tbs = new V3TBSCertificateGenerator();
        tbs.setSerialNumber(new ASN1Integer(new BigInteger(64, new SecureRandom())));
        tbs.setIssuer(name);
        tbs.setSubject(name);
        tbs.setStartDate(new Time(Date.from(now)));
        tbs.setEndDate(new Time(Date.from(now.plus(CERTIFICATE_VALIDITY))));
        tbs.setSignature(signature);
        tbs.setSubjectPublicKeyInfo(SubjectPublicKeyInfo.getInstance(pair.getPublic().getEncoded()));
        TBSCertificate unsigned = tbs.generateTBSCertificate();
        Signature signer = sm2 ? Signature.getInstance("SM3withSM2", BC) : Signature.getInstance("Ed25519");
        signer.initSign(pair.getPrivate());
        signer.update(unsigned.getEncoded(ASN1Encoding.DER));
        ASN1EncodableVector certificate = new ASN1EncodableVector();
        certificate.add(unsigned);
        certificate.add(signature);
        certificate.add(new DERBitString(signer.sign()));
        byte[] der = new DERSequence(certificate).getEncoded(ASN1Encoding.DER);
        CertificateFactory factory = sm2 ? CertificateFactory.getInstance("X.509", BC) : CertificateFactory.getInstance("X.509");
        return factory.generateCertificate(new ByteArrayInputStream(der));
    }

    @Override
    public String toString() {
        return "NodeKeyStore[receipt " + receiptSigner.algorithm() + " " + receiptSigner.keyId() + ", subject key]";
    }

    /** A key store that cannot serve: its message names the file and what is wrong, never a key or a password. */
    public static final class KeyStoreProblem extends IllegalStateException {

        private KeyStoreProblem(String message, Throwable cause) {
            super(message, cause);
        }

        static KeyStoreProblem wrongPassword(Path path) {
            return new KeyStoreProblem("the password of the key store " + path + " is wrong", null);
        }

        static KeyStoreProblem unreadable(Path path, Exception cause) {
            return new KeyStoreProblem("the key store " + path + " cannot be read as PKCS#12 ("
                    + cause.getClass().getSimpleName() + ")", null);
        }

        static KeyStoreProblem unwritable(Path path, IOException cause) {
            return new KeyStoreProblem("the key store " + path + " cannot be written ("
                    + cause.getClass().getSimpleName() + ")", null);
        }

        static KeyStoreProblem missing(Path path, String alias, String what) {
            return new KeyStoreProblem("the key store " + path + " has no alias '" + alias + "' holding " + what, null);
        }
    }
}
