package org.hashbridge.protocol;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.ASN1TaggedObject;
import org.bouncycastle.asn1.gm.GMObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Attribute;
import org.bouncycastle.asn1.pkcs.AuthenticatedSafe;
import org.bouncycastle.asn1.pkcs.ContentInfo;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.Pfx;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.SafeBag;

/**
 * Reads a {@link NodeKeyStore} whose receipt key is SM2. The JDK's PKCS#12 store cannot load it (its certificate
 * parser knows no SM2 curve) and BouncyCastle's skips secret-key entries (and prints them to standard output): both
 * entries are read from the file's safe bags, decrypted with the JDK's PBE ciphers. The certificate is not needed,
 * the public key is derived from the private one.
 */
final class Sm2Stores {

    private Sm2Stores() {
    }

    /**
     * The node's keys, when the store at {@code path} holds an SM2 receipt key; empty when it holds none.
     *
     * @throws NodeKeyStore.KeyStoreProblem when the password does not decrypt the entries, or the subject key is missing
     */
    static Optional<NodeKeyStore> load(Path path, char[] password) {
        try {
            Optional<SafeBag> receipt = bag(path, PKCSObjectIdentifiers.pkcs8ShroudedKeyBag, NodeKeyStore.RECEIPT);
            if (receipt.isEmpty()) {
                return Optional.empty();
            }
            byte[] pkcs8 = decrypt(ASN1Sequence.getInstance(receipt.get().getBagValue()).getEncoded(), password);
            if (!GMObjectIdentifiers.sm2p256v1.equals(PrivateKeyInfo.getInstance(pkcs8).getPrivateKeyAlgorithm().getParameters())) {
                return Optional.empty();
            }
            SafeBag subject = bag(path, PKCSObjectIdentifiers.secretBag, NodeKeyStore.SUBJECT).orElseThrow(
                    () -> NodeKeyStore.KeyStoreProblem.missing(path, NodeKeyStore.SUBJECT, "a 32-byte HmacSHA256 secret key"));
            ASN1Sequence secretBag = ASN1Sequence.getInstance(subject.getBagValue());
            ASN1Encodable shrouded = ASN1TaggedObject.getInstance(secretBag.getObjectAt(1)).getExplicitBaseObject();
            byte[] subjectKey = PrivateKeyInfo.getInstance(decrypt(ASN1OctetString.getInstance(shrouded).getOctets(), password))
                    .getPrivateKey().getOctets();
            return Optional.of(NodeKeyStore.of(path, pkcs8, subjectKey));
        } catch (javax.crypto.BadPaddingException e) {
            throw NodeKeyStore.KeyStoreProblem.wrongPassword(path);
        } catch (GeneralSecurityException | IOException | IllegalArgumentException e) {
            throw NodeKeyStore.KeyStoreProblem.unreadable(path, e);
        }
    }

    /** The bag of {@code type} named {@code alias} among the file's unencrypted safe bags (where the keys are). */
    private static Optional<SafeBag> bag(Path path, ASN1ObjectIdentifier type, String alias) throws IOException {
        Pfx pfx = Pfx.getInstance(Files.readAllBytes(path));
        ASN1OctetString authSafe = ASN1OctetString.getInstance(pfx.getAuthSafe().getContent());
        for (ContentInfo content : AuthenticatedSafe.getInstance(authSafe.getOctets()).getContentInfo()) {
            if (!PKCSObjectIdentifiers.data.equals(content.getContentType())) {
                continue; // the certificates, encrypted
            }
            byte[] bags = ASN1OctetString.getInstance(content.getContent()).getOctets();
            for (ASN1Encodable element : ASN1Sequence.getInstance(bags)) {
                SafeBag bag = SafeBag.getInstance(element);
                if (type.equals(bag.getBagId()) && named(bag, alias)) {
                    return Optional.of(bag);
                }
            }
        }
        return Optional.empty();
    }

    private static boolean named(SafeBag bag, String alias) {
        if (bag.getBagAttributes() == null) {
            return false;
        }
        for (ASN1Encodable element : bag.getBagAttributes()) {
            Attribute attribute = Attribute.getInstance(element);
            if (PKCSObjectIdentifiers.pkcs_9_at_friendlyName.equals(attribute.getAttrType())
                    && attribute.getAttrValues().size() == 1
                    && alias.equalsIgnoreCase(((ASN1String) attribute.getAttrValues().getObjectAt(0)).getString())) {
                return true;
            }
        }
        return false;
    }

    /** The PKCS#8 structure an {@code EncryptedPrivateKeyInfo} holds. */
    private static byte[] decrypt(byte[] encryptedPrivateKeyInfo, char[] password) throws GeneralSecurityException, IOException {
        EncryptedPrivateKeyInfo encrypted = new EncryptedPrivateKeyInfo(encryptedPrivateKeyInfo);
        // PBES2 names its cipher in its parameters ("PBEWithHmacSHA256AndAES_256"), as the JDK's own store reads them
        String algorithm = encrypted.getAlgParameters().toString();
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.DECRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec(password)), encrypted.getAlgParameters());
        // not getKeySpec: it parses the key's algorithm parameters with the JDK's providers, which know no SM2 curve
        return cipher.doFinal(encrypted.getEncryptedData());
    }
}
