package org.hashbridge.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The test vectors of docs/protocol.md, recomputed. Each constant is asserted against the code and
 * {@link #theDocumentStatesEveryVector() found in the document}, so neither can change alone.
 */
class ProtocolVectorsTest {

    static final String DOCUMENT_SHA256 = "8d5d0a344b3ba79632103afe8c956ffa0c4d0cc2cc335e0f391ae59b29fdee1e";
    static final String DOCUMENT_SM3 = "0569c8e1078081009aa33f8ecd842fae4a69fd4782a44da087810c0493c0926d";
    static final String TRANSUNION_KEY = "0dbe107c7654243eb3dddd6a88f6fa5942c298c5fe95997602f28cce3980e1f4";
    static final String ABC_SHENZHEN_KEY = "79fddc2255cf02a48af00744afe0e797dab742f237ae5c5e3e40d1d226a65ff9";
    static final String SUBJECT_REFERENCE = "20869bfd6e36c985a9dacf16dcad3ab981ce5304f08d29e1a872c69733c7c66d";
    static final String SUBJECT_ID_LOWER_CASE = "hk-a1234567";
    static final String SUBJECT_ID_FULL_WIDTH = "ＨＫ－Ａ１２３４５６７";

    static final String JSON_DOCUMENT =
            "{\"report\": \"credit\", \"score\": 712.0, \"bureau\": \"TransUnion HK\", \"ratio\": 1E-1}";
    static final String JSON_DOCUMENT_CANONICAL =
            "{\"bureau\":\"TransUnion HK\",\"ratio\":0.1,\"report\":\"credit\",\"score\":712}";
    static final String JSON_DOCUMENT_SHA256 = "349168718f999336618657572bf1862f1e3e937b2e85d09e07713b701b41fd23";

    static final String LEAF_PREIMAGE = "486173684272696467652f6c6561662f76310000077368612d3235368d5d0a34"
            + "4b3ba79632103afe8c956ffa0c4d0cc2cc335e0f391ae59b29fdee1e00200001"
            + "02030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f000d"
            + "686b2e7472616e73756e696f6e000d6372656469742d7265706f727400000000"
            + "6c258bff20869bfd6e36c985a9dacf16dcad3ab981ce5304f08d29e1a872c697"
            + "33c7c66d";
    static final String LEAF_COMMITMENT = "dfcb52039e40aa752a6e6415f54385ebbd12b939e6b369dfaabd9e2a3361f098";
    static final String LEAF_HASH = "c309046c503280e6be1918dee7ee2cf6f32c0825341767ff15190f37f9a72c9f";

    static final String SM3_LEAF_HASH = "8080156909c8eedb1f08a0a0777209be082e433d8921601672e9c267fa31974c";
    static final String BANK_STATEMENT_SHA256 = "41f58df7502be15b8a2952959e4c4b3d6db00e7d4da86d1fc96b061641161ceb";
    static final String BANK_STATEMENT_LEAF_HASH = "3f5db6e08f70121e1b5d27a95c125ed4117c4f576c1ce5b3a629b6d6d7107d3b";
    static final String INNER_NODE = "303efa41d162690954d854e15df81587e1667ae58888a7de6d72b73731ec035b";
    static final String ROOT = "ec4a8b1ea8503c9235b7026c74df0f06f124864a5e64e1028f6b1c3ba858d4e3";

    static final String VOUCHER_JSON = "{\"version\":1,\"anchorId\":\"anchor-0001\",\"issuer\":\"hk.transunion\","
            + "\"documentType\":\"credit-report\",\"validUntil\":\"2027-06-30T23:59:59Z\","
            + "\"subject\":\"" + SUBJECT_REFERENCE + "\",\"algorithm\":\"sha-256\","
            + "\"salt\":\"000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f\","
            + "\"leaf\":\"" + LEAF_HASH + "\",\"proof\":{\"index\":0,\"treeSize\":3,\"path\":[\"" + SM3_LEAF_HASH
            + "\",\"" + BANK_STATEMENT_LEAF_HASH + "\"]},\"root\":\"" + ROOT + "\",\"chain\":{\"chainId\":31337,"
            + "\"registry\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\","
            + "\"transaction\":\"0x3c1f4b2e9d6a7c8b5e0f1a2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6e5f4a3\",\"block\":42}}";

    static final String CONSENT_CANONICAL = "{\"consentId\":\"consent-0001\",\"documentType\":\"credit-report\","
            + "\"issuedAt\":1767225600,\"issuer\":\"hk.transunion\",\"jurisdiction\":\"HK\","
            + "\"purpose\":\"mortgage application\",\"subject\":\"" + SUBJECT_REFERENCE + "\","
            + "\"validUntil\":1798761599,\"verifier\":\"cn.abc-shenzhen\",\"version\":1}";
    static final String CONSENT_PREIMAGE = "486173684272696467652f636f6e73656e742f7631000020a0a1a2a3a4a5a6a7"
            + "a8a9aaabacadaeafb0b1b2b3b4b5b6b7b8b9babbbcbdbebf012d7b22636f6e73"
            + "656e744964223a22636f6e73656e742d30303031222c22646f63756d656e7454"
            + "797065223a226372656469742d7265706f7274222c226973737565644174223a"
            + "313736373232353630302c22697373756572223a22686b2e7472616e73756e69"
            + "6f6e222c226a7572697364696374696f6e223a22484b222c22707572706f7365"
            + "223a226d6f727467616765206170706c69636174696f6e222c227375626a6563"
            + "74223a2232303836396266643665333663393835613964616366313664636164"
            + "3361623938316365353330346630386432396531613837326336393733336337"
            + "63363664222c2276616c6964556e74696c223a313739383736313539392c2276"
            + "65726966696572223a22636e2e6162632d7368656e7a68656e222c2276657273"
            + "696f6e223a317d";
    static final String CONSENT_COMMITMENT = "469cee1ad343f6fa93625cda373144646981e4b5da596c1ab0221d11d8b335c1";
    static final String CONSENT_TOKEN = "hbc1.eyJyZWNvcmQiOnsiY29uc2VudElkIjoiY29uc2VudC0wMDAxIiwiZG9jdW1lbnRU"
            + "eXBlIjoiY3JlZGl0LXJlcG9ydCIsImlzc3VlZEF0IjoxNzY3MjI1NjAwLCJpc3N1ZXIiOiJoay50cmFuc3VuaW9uIiwianVyaX"
            + "NkaWN0aW9uIjoiSEsiLCJwdXJwb3NlIjoibW9ydGdhZ2UgYXBwbGljYXRpb24iLCJzdWJqZWN0IjoiMjA4NjliZmQ2ZTM2Yzk4"
            + "NWE5ZGFjZjE2ZGNhZDNhYjk4MWNlNTMwNGYwOGQyOWUxYTg3MmM2OTczM2M3YzY2ZCIsInZhbGlkVW50aWwiOjE3OTg3NjE1OT"
            + "ksInZlcmlmaWVyIjoiY24uYWJjLXNoZW56aGVuIiwidmVyc2lvbiI6MX0sInNhbHQiOiJhMGExYTJhM2E0YTVhNmE3YThhOWFh"
            + "YWJhY2FkYWVhZmIwYjFiMmIzYjRiNWI2YjdiOGI5YmFiYmJjYmRiZWJmIn0." + CONSENT_COMMITMENT;


    /** The resident test key's own vectors are pinned by {@link ResidentSignedConsentTest}; here they are found in the document. */
    static final String RESIDENT_KEY_JWK = ResidentSignedConsentTest.RESIDENT_KEY_JWK;
    static final String RESIDENT_KEY_HASH = ResidentSignedConsentTest.RESIDENT_KEY_HASH;
    static final String RESIDENT_BINDING = ResidentSignedConsentTest.BINDING;
    static final String CONSENT_APPROVAL_CHALLENGE = ResidentSignedConsentTest.APPROVAL_CHALLENGE;
    static final String CONSENT_REVOCATION_CHALLENGE = ResidentSignedConsentTest.REVOCATION_CHALLENGE;
    static final String KEY_REPLACEMENT_CHALLENGE = ResidentSignedConsentTest.REPLACEMENT_CHALLENGE;
    static final String KEY_REGISTRATION_CHALLENGE = "d24699b4ee570d20024b54c646668eaba5eae1a98b41a9e6898614ee62a750ba";
    static final String RECOVERY_CANCELLATION_CHALLENGE = "21c162310ed6d6cc8660ea8de508e3dcbf8cfde0ae1f16f5e1e46ee1659b53f3";
    static final String SIGNED_CONSENT_COMMITMENT = "0b8f758dbc6c7b3d09c38d987891116eb76743e36fe7cf20be8b2358de7be23f";
    static final String SIGNED_CONSENT_APPROVAL_CHALLENGE = "75c2737d02f5040e7a2a4fb9dea4a100eba3bf207b1f0bdd2f9a1e292d1d495e";
    static final String SIGNED_CONSENT_REVOCATION_CHALLENGE = "68def71ad7de166e3cf32b70c2ab5d99674d9e025cc3495f62b9b78644b35b36";
    static final String SOFTWARE_KEY_AUTHENTICATOR_DATA = "74c0616446ba18792cb65392b83fc9bf3c7de7e792c6e3c95a3433c967b84e7e0500000000";
    static final String SOFTWARE_KEY_CLIENT_DATA = "{\"type\":\"webauthn.get\",\"challenge\":"
            + "\"dcJzfQL1BA56Kk-53qShAOujvyB7HwvdL5oeKS0dSV4\",\"origin\":\"hashbridge:software-key\",\"crossOrigin\":false}";
    static final String SIGNED_CONSENT_RAW_SIGNATURE = "bc95ea916dc56a89f8178cf625a67a1224002875f3cd963be2dbaf920a487c60"
            + "092ed144f71bf5eea282792e142f44ec10ab6409df565e21b924c0bea943c2bf";
    static final String SIGNED_CONSENT_TOKEN = "hbc1."
            + "eyJhcHByb3ZhbCI6eyJhdXRoZW50aWNhdG9yRGF0YSI6ImRNQmhaRWE2R0hrc3RsT1N1RF9Kdnp4OTUtZVN4dVBKV2pRenlX"
            + "ZTRUbjRGQUFBQUFBIiwiY2xpZW50RGF0YUpTT04iOiJleUowZVhCbElqb2lkMlZpWVhWMGFHNHVaMlYwSWl3aVkyaGhiR3hs"
            + "Ym1kbElqb2laR05LZW1aUlRERkNRVFUyUzJzdE5UTnhVMmhCVDNWcWRubENOMGgzZG1STU5XOWxTMU13WkZOV05DSXNJbTl5"
            + "YVdkcGJpSTZJbWhoYzJoaWNtbGtaMlU2YzI5bWRIZGhjbVV0YTJWNUlpd2lZM0p2YzNOUGNtbG5hVzRpT21aaGJITmxmUSIs"
            + "ImtleSI6eyJjcnYiOiJQLTI1NiIsImt0eSI6IkVDIiwieCI6IlJNRXZDLWg2QjlZREh0cGkxRVhwMnJuQ0k1UnRNVmxXeUVO"
            + "aV9yNTRWeGsiLCJ5IjoiX0dNWDlvemlwdnFqOXN4QWNMNDhRbWF1d2JBaVhIa2JRSE02dVozUVpjQSJ9LCJzaWduYXR1cmUi"
            + "OiJNRVlDSVFDOGxlcVJiY1ZxaWZnWGpQWWxwbm9TSkFBb2RmUE5sanZpMjYtU0NraDhZQUloQVBiUkxyb0k1QW9TWFgyRzBl"
            + "dlF1eE9zTzVhang4RkFZenFWQ2dSVEgyS1MifSwicmVjb3JkIjp7ImNvbGxlY3Rpb24iOiJSRVNJREVOVF9TSUdORUQiLCJj"
            + "b25zZW50SWQiOiJjb25zZW50LTAwMDIiLCJkYXRhQ2F0ZWdvcmllcyI6WyJjcmVkaXQgcmVwb3J0Il0sImRvY3VtZW50VHlw"
            + "ZSI6ImNyZWRpdC1yZXBvcnQiLCJpc3N1ZWRBdCI6MTc2NzIyNTYwMCwiaXNzdWVyIjoiaGsudHJhbnN1bmlvbiIsImp1cmlz"
            + "ZGljdGlvbiI6IkhLIiwibGFuZ3VhZ2UiOiJlbiIsInByb2Nlc3NpbmciOiJ0aGUgYmFuayBoYXNoZXMgdGhlIHJlcG9ydCBh"
            + "bmQgY2hlY2tzIHRoZSBoYXNoOyB0aGUgcmVwb3J0IGlzIG5vdCBzZW50IHRocm91Z2ggdGhlIHBsYXRmb3JtIiwicHVycG9z"
            + "ZSI6ImNvbnN1bWVyIGxvYW4gYXBwbGljYXRpb24iLCJyZWNpcGllbnQiOnsiY29udGFjdCI6InByaXZhY3lAYWJjLXNoZW56"
            + "aGVuLmV4YW1wbGUiLCJqdXJpc2RpY3Rpb24iOiJTWiIsIm5hbWUiOiJBZ3JpY3VsdHVyYWwgQmFuayBvZiBDaGluYSwgU2hl"
            + "bnpoZW4gQnJhbmNoIn0sInJlc2lkZW50S2V5IjoiNDk5ODg3Mjc0NGYzMTlmODkwYWNjNzc4ODFiOWMxYzdiZWJlNmY5NTI1"
            + "YWYyOTFiNmM3NDhiODVmODE3MzljOSIsInJldGVudGlvbiI6InRoZSB2ZXJpZmljYXRpb24gcmVjb3JkIGlzIGtlcHQgNyB5"
            + "ZWFycyIsInN1YmplY3QiOiIyMDg2OWJmZDZlMzZjOTg1YTlkYWNmMTZkY2FkM2FiOTgxY2U1MzA0ZjA4ZDI5ZTFhODcyYzY5"
            + "NzMzYzdjNjZkIiwidmFsaWRVbnRpbCI6MTc5ODc2MTU5OSwidmVyaWZpZXIiOiJjbi5hYmMtc2hlbnpoZW4iLCJ2ZXJzaW9u"
            + "IjoyLCJ3aXRoZHJhd2FsIjoicmV2b2tlIG9uIHRoZSByZXNpZGVudCBwYWdlIG9mIHRoZSBIb25nIEtvbmcgbm9kZSJ9LCJz"
            + "YWx0IjoiYTBhMWEyYTNhNGE1YTZhN2E4YTlhYWFiYWNhZGFlYWZiMGIxYjJiM2I0YjViNmI3YjhiOWJhYmJiY2JkYmViZiJ9"
            + "." + SIGNED_CONSENT_COMMITMENT;

    static final String RECEIPT_PAYLOAD = "{\"algorithm\":\"sha-256\",\"block\":42,\"chainId\":31337,\"checks\":["
            + "{\"code\":\"OK\",\"message\":\"the document is in the anchored batch\",\"status\":\"VALID\","
            + "\"type\":\"INTEGRITY\"},"
            + "{\"code\":\"OK\",\"message\":\"the root is final on chain\",\"status\":\"VALID\",\"type\":\"ANCHOR\"},"
            + "{\"code\":\"OK\",\"message\":\"not revoked\",\"status\":\"VALID\",\"type\":\"STATUS\"},"
            + "{\"code\":\"OK\",\"message\":\"valid until 2027-06-30T23:59:59Z\",\"status\":\"VALID\","
            + "\"type\":\"VALIDITY\"},"
            + "{\"code\":\"OK\",\"message\":\"hk.transunion is active\",\"status\":\"VALID\",\"type\":\"ISSUER\"},"
            + "{\"code\":\"OK\",\"message\":\"consent-0001 is authorised\",\"status\":\"VALID\","
            + "\"type\":\"CONSENT\"}],"
            + "\"consent\":\"" + CONSENT_COMMITMENT + "\",\"digest\":\"" + DOCUMENT_SHA256 + "\","
            + "\"documentType\":\"credit-report\",\"issuer\":\"hk.transunion\",\"leaf\":\"" + LEAF_HASH + "\","
            + "\"node\":\"sz\",\"registry\":\"0x5fbdb2315678afecb367f032d93f642f64180aa3\",\"root\":\"" + ROOT + "\","
            + "\"verdict\":\"VERIFIED\",\"verificationId\":\"verification-0001\","
            + "\"verifiedAt\":\"2026-03-01T08:30:00Z\",\"verifier\":\"cn.abc-shenzhen\",\"version\":1}";
    static final String SZ_PUBLIC_JWK = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\","
            + "\"kid\":\"SZJWHTY9oG7cFdwDiSYWoSaNJdA7Nq94PlkD5deeBdA\","
            + "\"x\":\"D_TEg3DYTAg2fC4KiCg12tukAJCw6fC8mt7cZ0eMYxw\"}";
    static final String RECEIPT_HEADER = "{\"kid\":\"SZJWHTY9oG7cFdwDiSYWoSaNJdA7Nq94PlkD5deeBdA\","
            + "\"typ\":\"hashbridge-receipt+jws\",\"alg\":\"EdDSA\"}";
    static final String SIGNED_RECEIPT = ""
            + "eyJraWQiOiJTWkpXSFRZOW9HN2NGZHdEaVNZV29TYU5KZEE3TnE5NFBsa0Q1ZGVlQmRBIiwidHlwIjoiaGFzaGJyaWRnZS1yZW"
            + "NlaXB0K2p3cyIsImFsZyI6IkVkRFNBIn0.eyJhbGdvcml0aG0iOiJzaGEtMjU2IiwiYmxvY2siOjQyLCJjaGFpbklkIjozMTMz"
            + "NywiY2hlY2tzIjpbeyJjb2RlIjoiT0siLCJtZXNzYWdlIjoidGhlIGRvY3VtZW50IGlzIGluIHRoZSBhbmNob3JlZCBiYXRjaC"
            + "IsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IklOVEVHUklUWSJ9LHsiY29kZSI6Ik9LIiwibWVzc2FnZSI6InRoZSByb290IGlz"
            + "IGZpbmFsIG9uIGNoYWluIiwic3RhdHVzIjoiVkFMSUQiLCJ0eXBlIjoiQU5DSE9SIn0seyJjb2RlIjoiT0siLCJtZXNzYWdlIj"
            + "oibm90IHJldm9rZWQiLCJzdGF0dXMiOiJWQUxJRCIsInR5cGUiOiJTVEFUVVMifSx7ImNvZGUiOiJPSyIsIm1lc3NhZ2UiOiJ2"
            + "YWxpZCB1bnRpbCAyMDI3LTA2LTMwVDIzOjU5OjU5WiIsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IlZBTElESVRZIn0seyJjb2"
            + "RlIjoiT0siLCJtZXNzYWdlIjoiaGsudHJhbnN1bmlvbiBpcyBhY3RpdmUiLCJzdGF0dXMiOiJWQUxJRCIsInR5cGUiOiJJU1NV"
            + "RVIifSx7ImNvZGUiOiJPSyIsIm1lc3NhZ2UiOiJjb25zZW50LTAwMDEgaXMgYXV0aG9yaXNlZCIsInN0YXR1cyI6IlZBTElEIi"
            + "widHlwZSI6IkNPTlNFTlQifV0sImNvbnNlbnQiOiI0NjljZWUxYWQzNDNmNmZhOTM2MjVjZGEzNzMxNDQ2NDY5ODFlNGI1ZGE1"
            + "OTZjMWFiMDIyMWQxMWQ4YjMzNWMxIiwiZGlnZXN0IjoiOGQ1ZDBhMzQ0YjNiYTc5NjMyMTAzYWZlOGM5NTZmZmEwYzRkMGNjMm"
            + "NjMzM1ZTBmMzkxYWU1OWIyOWZkZWUxZSIsImRvY3VtZW50VHlwZSI6ImNyZWRpdC1yZXBvcnQiLCJpc3N1ZXIiOiJoay50cmFu"
            + "c3VuaW9uIiwibGVhZiI6ImMzMDkwNDZjNTAzMjgwZTZiZTE5MThkZWU3ZWUyY2Y2ZjMyYzA4MjUzNDE3NjdmZjE1MTkwZjM3Zj"
            + "lhNzJjOWYiLCJub2RlIjoic3oiLCJyZWdpc3RyeSI6IjB4NWZiZGIyMzE1Njc4YWZlY2IzNjdmMDMyZDkzZjY0MmY2NDE4MGFh"
            + "MyIsInJvb3QiOiJlYzRhOGIxZWE4NTAzYzkyMzViNzAyNmM3NGRmMGYwNmYxMjQ4NjRhNWU2NGUxMDI4ZjZiMWMzYmE4NThkNG"
            + "UzIiwidmVyZGljdCI6IlZFUklGSUVEIiwidmVyaWZpY2F0aW9uSWQiOiJ2ZXJpZmljYXRpb24tMDAwMSIsInZlcmlmaWVkQXQi"
            + "OiIyMDI2LTAzLTAxVDA4OjMwOjAwWiIsInZlcmlmaWVyIjoiY24uYWJjLXNoZW56aGVuIiwidmVyc2lvbiI6MX0.nrzKWvaT1I"
            + "HB15B8lO1ZC6Kq7k4WdO6wS34LpB3DQsSmc_GTq4ttcKDCveivuacMRIP8TYCDPNrS0YY47ZiZAQ";
    static final String SZ_ES256_PUBLIC_JWK = "{\"kty\":\"EC\",\"crv\":\"P-256\","
            + "\"kid\":\"2mLWcpaaga1iv_Pz7zqIDsepKAl07bfRIx-7vthdBds\","
            + "\"x\":\"OtAFAroufDCIycQmJNo95UyvIc8aYKNrkFqq56NxwIs\","
            + "\"y\":\"dragcwwjTNzVX6Bd5Rw-xueG0kJqarUygkPuYoJAryU\"}";
    static final String ES256_RECEIPT_HEADER = "{\"kid\":\"2mLWcpaaga1iv_Pz7zqIDsepKAl07bfRIx-7vthdBds\","
            + "\"typ\":\"hashbridge-receipt+jws\",\"alg\":\"ES256\"}";
    static final String ES256_SIGNED_RECEIPT = ""
            + "eyJraWQiOiIybUxXY3BhYWdhMWl2X1B6N3pxSURzZXBLQWwwN2JmUkl4LTd2dGhkQmRzIiwidHlwIjoiaGFzaGJyaWRnZS1y"
            + "ZWNlaXB0K2p3cyIsImFsZyI6IkVTMjU2In0.eyJhbGdvcml0aG0iOiJzaGEtMjU2IiwiYmxvY2siOjQyLCJjaGFpbklkIjoz"
            + "MTMzNywiY2hlY2tzIjpbeyJjb2RlIjoiT0siLCJtZXNzYWdlIjoidGhlIGRvY3VtZW50IGlzIGluIHRoZSBhbmNob3JlZCBi"
            + "YXRjaCIsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IklOVEVHUklUWSJ9LHsiY29kZSI6Ik9LIiwibWVzc2FnZSI6InRoZSBy"
            + "b290IGlzIGZpbmFsIG9uIGNoYWluIiwic3RhdHVzIjoiVkFMSUQiLCJ0eXBlIjoiQU5DSE9SIn0seyJjb2RlIjoiT0siLCJt"
            + "ZXNzYWdlIjoibm90IHJldm9rZWQiLCJzdGF0dXMiOiJWQUxJRCIsInR5cGUiOiJTVEFUVVMifSx7ImNvZGUiOiJPSyIsIm1l"
            + "c3NhZ2UiOiJ2YWxpZCB1bnRpbCAyMDI3LTA2LTMwVDIzOjU5OjU5WiIsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IlZBTElE"
            + "SVRZIn0seyJjb2RlIjoiT0siLCJtZXNzYWdlIjoiaGsudHJhbnN1bmlvbiBpcyBhY3RpdmUiLCJzdGF0dXMiOiJWQUxJRCIs"
            + "InR5cGUiOiJJU1NVRVIifSx7ImNvZGUiOiJPSyIsIm1lc3NhZ2UiOiJjb25zZW50LTAwMDEgaXMgYXV0aG9yaXNlZCIsInN0"
            + "YXR1cyI6IlZBTElEIiwidHlwZSI6IkNPTlNFTlQifV0sImNvbnNlbnQiOiI0NjljZWUxYWQzNDNmNmZhOTM2MjVjZGEzNzMx"
            + "NDQ2NDY5ODFlNGI1ZGE1OTZjMWFiMDIyMWQxMWQ4YjMzNWMxIiwiZGlnZXN0IjoiOGQ1ZDBhMzQ0YjNiYTc5NjMyMTAzYWZl"
            + "OGM5NTZmZmEwYzRkMGNjMmNjMzM1ZTBmMzkxYWU1OWIyOWZkZWUxZSIsImRvY3VtZW50VHlwZSI6ImNyZWRpdC1yZXBvcnQi"
            + "LCJpc3N1ZXIiOiJoay50cmFuc3VuaW9uIiwibGVhZiI6ImMzMDkwNDZjNTAzMjgwZTZiZTE5MThkZWU3ZWUyY2Y2ZjMyYzA4"
            + "MjUzNDE3NjdmZjE1MTkwZjM3ZjlhNzJjOWYiLCJub2RlIjoic3oiLCJyZWdpc3RyeSI6IjB4NWZiZGIyMzE1Njc4YWZlY2Iz"
            + "NjdmMDMyZDkzZjY0MmY2NDE4MGFhMyIsInJvb3QiOiJlYzRhOGIxZWE4NTAzYzkyMzViNzAyNmM3NGRmMGYwNmYxMjQ4NjRh"
            + "NWU2NGUxMDI4ZjZiMWMzYmE4NThkNGUzIiwidmVyZGljdCI6IlZFUklGSUVEIiwidmVyaWZpY2F0aW9uSWQiOiJ2ZXJpZmlj"
            + "YXRpb24tMDAwMSIsInZlcmlmaWVkQXQiOiIyMDI2LTAzLTAxVDA4OjMwOjAwWiIsInZlcmlmaWVyIjoiY24uYWJjLXNoZW56"
            + "aGVuIiwidmVyc2lvbiI6MX0.8ioZ3D7aKBH2mAXS070ni3TbMC_d1xXEZ2Q2gX_M9HxNtwJEnj8b-nOEXnv_Rnk109RKP7v-"
            + "scLHAYU1w3vrtg";

    static final String SZ_SM2_PUBLIC_JWK = "{\"kty\":\"EC\",\"crv\":\"SM2\","
            + "\"kid\":\"meHbVTJUPlq0bxjCl0o3ja8wCYAYQ3C4SoLV8JA73P4\","
            + "\"x\":\"qgce5kqonxZT7sgBfebiY0QwONVYgwoFP_0DQLpAK8Y\","
            + "\"y\":\"WPjibEdfijWl7hr3UE5-RJws5vk1sEtXUH_0XtB3-gc\"}";
    static final String SM2_RECEIPT_HEADER = "{\"kid\":\"meHbVTJUPlq0bxjCl0o3ja8wCYAYQ3C4SoLV8JA73P4\","
            + "\"typ\":\"hashbridge-receipt+jws\",\"alg\":\"SM2SM3\"}";
    static final String SM2_SIGNED_RECEIPT = ""
            + "eyJraWQiOiJtZUhiVlRKVVBscTBieGpDbDBvM2phOHdDWUFZUTNDNFNvTFY4SkE3M1A0IiwidHlwIjoiaGFzaGJyaWRnZS1yZWNl"
            + "aXB0K2p3cyIsImFsZyI6IlNNMlNNMyJ9.eyJhbGdvcml0aG0iOiJzaGEtMjU2IiwiYmxvY2siOjQyLCJjaGFpbklkIjozMTMzNyw"
            + "iY2hlY2tzIjpbeyJjb2RlIjoiT0siLCJtZXNzYWdlIjoidGhlIGRvY3VtZW50IGlzIGluIHRoZSBhbmNob3JlZCBiYXRjaCIsInN"
            + "0YXR1cyI6IlZBTElEIiwidHlwZSI6IklOVEVHUklUWSJ9LHsiY29kZSI6Ik9LIiwibWVzc2FnZSI6InRoZSByb290IGlzIGZpbmF"
            + "sIG9uIGNoYWluIiwic3RhdHVzIjoiVkFMSUQiLCJ0eXBlIjoiQU5DSE9SIn0seyJjb2RlIjoiT0siLCJtZXNzYWdlIjoibm90IHJ"
            + "ldm9rZWQiLCJzdGF0dXMiOiJWQUxJRCIsInR5cGUiOiJTVEFUVVMifSx7ImNvZGUiOiJPSyIsIm1lc3NhZ2UiOiJ2YWxpZCB1bnR"
            + "pbCAyMDI3LTA2LTMwVDIzOjU5OjU5WiIsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IlZBTElESVRZIn0seyJjb2RlIjoiT0siLCJ"
            + "tZXNzYWdlIjoiaGsudHJhbnN1bmlvbiBpcyBhY3RpdmUiLCJzdGF0dXMiOiJWQUxJRCIsInR5cGUiOiJJU1NVRVIifSx7ImNvZGU"
            + "iOiJPSyIsIm1lc3NhZ2UiOiJjb25zZW50LTAwMDEgaXMgYXV0aG9yaXNlZCIsInN0YXR1cyI6IlZBTElEIiwidHlwZSI6IkNPTlN"
            + "FTlQifV0sImNvbnNlbnQiOiI0NjljZWUxYWQzNDNmNmZhOTM2MjVjZGEzNzMxNDQ2NDY5ODFlNGI1ZGE1OTZjMWFiMDIyMWQxMWQ"
            + "4YjMzNWMxIiwiZGlnZXN0IjoiOGQ1ZDBhMzQ0YjNiYTc5NjMyMTAzYWZlOGM5NTZmZmEwYzRkMGNjMmNjMzM1ZTBmMzkxYWU1OWI"
            + "yOWZkZWUxZSIsImRvY3VtZW50VHlwZSI6ImNyZWRpdC1yZXBvcnQiLCJpc3N1ZXIiOiJoay50cmFuc3VuaW9uIiwibGVhZiI6ImM"
            + "zMDkwNDZjNTAzMjgwZTZiZTE5MThkZWU3ZWUyY2Y2ZjMyYzA4MjUzNDE3NjdmZjE1MTkwZjM3ZjlhNzJjOWYiLCJub2RlIjoic3o"
            + "iLCJyZWdpc3RyeSI6IjB4NWZiZGIyMzE1Njc4YWZlY2IzNjdmMDMyZDkzZjY0MmY2NDE4MGFhMyIsInJvb3QiOiJlYzRhOGIxZWE"
            + "4NTAzYzkyMzViNzAyNmM3NGRmMGYwNmYxMjQ4NjRhNWU2NGUxMDI4ZjZiMWMzYmE4NThkNGUzIiwidmVyZGljdCI6IlZFUklGSUV"
            + "EIiwidmVyaWZpY2F0aW9uSWQiOiJ2ZXJpZmljYXRpb24tMDAwMSIsInZlcmlmaWVkQXQiOiIyMDI2LTAzLTAxVDA4OjMwOjAwWiI"
            + "sInZlcmlmaWVyIjoiY24uYWJjLXNoZW56aGVuIiwidmVyc2lvbiI6MX0.zMit1W0U91Xz7McGECAbD5Ot2W9bl2UKXKXNq6vKvQq"
            + "8l22HH8udU9LSbUQtTw4vZuRyhwTipV5RfwdCx41gYA";

    private static final HexFormat HEX = HexFormat.of();
    private static final Provider BC = new BouncyCastleProvider();

    @Test
    void documentDigests() {
        assertThat(Fixtures.creditReportBytes()).hasSize(37);
        assertThat(Fixtures.creditReportDigest().hex()).isEqualTo(DOCUMENT_SHA256);
        assertThat(DigestAlgorithm.SM3.digest(Fixtures.creditReportBytes()).hex()).isEqualTo(DOCUMENT_SM3);
        assertThat(Fixtures.bankStatementLeaf().digest().hex()).isEqualTo(BANK_STATEMENT_SHA256);
    }

    @Test
    void aJsonDocumentIsHashedInCanonicalForm() {
        byte[] canonical = CanonicalJson.canonicalize(JSON_DOCUMENT.getBytes(StandardCharsets.UTF_8));

        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(JSON_DOCUMENT_CANONICAL);
        assertThat(DigestAlgorithm.SHA_256.digest(canonical).hex()).isEqualTo(JSON_DOCUMENT_SHA256);
    }

    @Test
    void institutionKeys() {
        assertThat(Fixtures.TRANSUNION.key().hex()).isEqualTo(TRANSUNION_KEY);
        assertThat(Fixtures.ABC_SHENZHEN.key().hex()).isEqualTo(ABC_SHENZHEN_KEY);
    }

    @Test
    void subjectReference() {
        assertThat(Fixtures.subject().hex()).isEqualTo(SUBJECT_REFERENCE);
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), SUBJECT_ID_LOWER_CASE).hex()).isEqualTo(SUBJECT_REFERENCE);
        assertThat(SubjectReference.derive(Fixtures.subjectKey(), SUBJECT_ID_FULL_WIDTH).hex()).isEqualTo(SUBJECT_REFERENCE);
    }

    /** The preimage is laid out here by hand, field by field, as docs/protocol.md describes it. */
    @Test
    void leafPreimageCommitmentAndHash() {
        Leaf leaf = Fixtures.creditReportLeaf();
        byte[] preimage = ByteBuffer.allocate(164)
                .put("HashBridge/leaf/v1".getBytes(StandardCharsets.US_ASCII)).put((byte) 0x00)
                .putShort((short) 7).put("sha-256".getBytes(StandardCharsets.US_ASCII))
                .put(HEX.parseHex(DOCUMENT_SHA256))
                .putShort((short) 32).put(Fixtures.leafSalt().bytes())
                .putShort((short) 13).put("hk.transunion".getBytes(StandardCharsets.US_ASCII))
                .putShort((short) 13).put("credit-report".getBytes(StandardCharsets.US_ASCII))
                .putLong(1_814_399_999L)
                .put(HEX.parseHex(SUBJECT_REFERENCE))
                .array();

        assertThat(HEX.formatHex(preimage)).isEqualTo(LEAF_PREIMAGE);
        assertThat(HEX.formatHex(Fixtures.sha256(preimage))).isEqualTo(LEAF_COMMITMENT);
        assertThat(leaf.commitment().hex()).isEqualTo(LEAF_COMMITMENT);
        assertThat(leaf.hash().hex()).isEqualTo(LEAF_HASH);
        assertThat(Fixtures.VALID_UNTIL.getEpochSecond()).isEqualTo(0x6c258bffL);
    }

    @Test
    void threeLeafTreeRootAndProofs() {
        MerkleTree tree = Fixtures.threeLeafTree();

        assertThat(Fixtures.creditReportLeafSm3().hash().hex()).isEqualTo(SM3_LEAF_HASH);
        assertThat(Fixtures.bankStatementLeaf().hash().hex()).isEqualTo(BANK_STATEMENT_LEAF_HASH);
        byte[] innerNode = Fixtures.sha256(new byte[] {0x01}, HEX.parseHex(LEAF_HASH), HEX.parseHex(SM3_LEAF_HASH));

        assertThat(HEX.formatHex(innerNode)).isEqualTo(INNER_NODE);
        assertThat(tree.root().hex()).isEqualTo(ROOT);
        assertThat(tree.proof(2)).isEqualTo(new MerkleProof(2, 3, List.of(Hash32.fromHex(INNER_NODE))));
        assertThat(tree.proof(0)).isEqualTo(new MerkleProof(0, 3,
                List.of(Hash32.fromHex(SM3_LEAF_HASH), Hash32.fromHex(BANK_STATEMENT_LEAF_HASH))));
        assertThat(tree.proof(2).proves(Hash32.fromHex(BANK_STATEMENT_LEAF_HASH), Hash32.fromHex(ROOT))).isTrue();
    }

    @Test
    void voucherExample() {
        assertThat(Fixtures.creditReportVoucher().toJson()).isEqualTo(VOUCHER_JSON);
        assertThat(Voucher.parse(VOUCHER_JSON).matches(Fixtures.creditReportDigest())).isTrue();
    }

    @Test
    void consentCanonicalFormPreimageCommitmentAndToken() {
        byte[] canonical = Fixtures.consentRecord().canonicalBytes();
        byte[] preimage = ByteBuffer.allocate(359)
                .put("HashBridge/consent/v1".getBytes(StandardCharsets.US_ASCII)).put((byte) 0x00)
                .putShort((short) 32).put(Fixtures.consentSalt().bytes())
                .putShort((short) canonical.length).put(canonical)
                .array();

        assertThat(new String(canonical, StandardCharsets.UTF_8)).isEqualTo(CONSENT_CANONICAL);
        assertThat(canonical).hasSize(301);
        assertThat(HEX.formatHex(preimage)).isEqualTo(CONSENT_PREIMAGE);
        assertThat(HEX.formatHex(Fixtures.sha256(preimage))).isEqualTo(CONSENT_COMMITMENT);
        assertThat(Fixtures.consentToken().commitment().hex()).isEqualTo(CONSENT_COMMITMENT);
        assertThat(Fixtures.consentToken().encode()).isEqualTo(CONSENT_TOKEN);
        assertThat(ConsentToken.decode(CONSENT_TOKEN)).isEqualTo(Fixtures.consentToken());
    }

    @Test
    void receiptPayloadAndSignedExample() throws Exception {
        JWKSet published = new JWKSet(JWK.parse(SZ_PUBLIC_JWK));

        assertThat(new String(Fixtures.receipt().toCanonicalJson(), StandardCharsets.UTF_8)).isEqualTo(RECEIPT_PAYLOAD);
        assertThat(Fixtures.szSigner().sign(Fixtures.receipt())).isEqualTo(SIGNED_RECEIPT);
        assertThat(segment(SIGNED_RECEIPT, 0)).isEqualTo(RECEIPT_HEADER);
        assertThat(segment(SIGNED_RECEIPT, 1)).isEqualTo(RECEIPT_PAYLOAD);
        assertThat(ReceiptVerifier.of(published).verify(SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
    }

    /** The JDK's own Ed25519 (not Bouncy Castle) signs the signing input of the vector to the same signature. */
    @Test
    void theReceiptSignatureIsPlainEd25519OverTheSigningInput() throws Exception {
        byte[] d = Base64.getUrlDecoder().decode(ProtocolJson.MAPPER.readTree(Fixtures.SZ_RECEIPT_KEY).get("d").asString());
        PrivateKey key = KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, d));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initSign(key);
        ed25519.update(SIGNED_RECEIPT.substring(0, SIGNED_RECEIPT.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));

        assertThat(Base64.getUrlEncoder().withoutPadding().encodeToString(ed25519.sign()))
                .isEqualTo(SIGNED_RECEIPT.substring(SIGNED_RECEIPT.lastIndexOf('.') + 1));
    }

    /** ECDSA signatures are randomized: the ES256 example cannot be reproduced, it must verify, also among both keys. */
    @Test
    void es256ReceiptSignedBeforeEdDsa() throws Exception {
        JWKSet es256 = new JWKSet(JWK.parse(SZ_ES256_PUBLIC_JWK));
        JWKSet both = new JWKSet(List.of(JWK.parse(SZ_PUBLIC_JWK), JWK.parse(SZ_ES256_PUBLIC_JWK)));

        assertThat(segment(ES256_SIGNED_RECEIPT, 0)).isEqualTo(ES256_RECEIPT_HEADER);
        assertThat(segment(ES256_SIGNED_RECEIPT, 1)).isEqualTo(RECEIPT_PAYLOAD);
        assertThat(ReceiptVerifier.of(es256).verify(ES256_SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(both).verify(ES256_SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(both).verify(SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(es256).verify(Fixtures.szSigner(ReceiptAlgorithm.ES256).sign(Fixtures.receipt())))
                .isEqualTo(Fixtures.receipt());
    }

    /**
     * SM2 signatures are randomized: the SM2SM3 example cannot be reproduced, it must verify, alone and among
     * the three keys of a node on the {@code sm} profile.
     */
    @Test
    void sm2ReceiptOfTheSmProfile() throws Exception {
        String sm2 = "{\"keys\":[" + SZ_SM2_PUBLIC_JWK + "]}";
        String all = "{\"keys\":[" + SZ_SM2_PUBLIC_JWK + "," + SZ_PUBLIC_JWK + "," + SZ_ES256_PUBLIC_JWK + "]}";

        assertThat(segment(SM2_SIGNED_RECEIPT, 0)).isEqualTo(SM2_RECEIPT_HEADER);
        assertThat(segment(SM2_SIGNED_RECEIPT, 1)).isEqualTo(RECEIPT_PAYLOAD);
        for (String keys : List.of(sm2, all)) {
            assertThat(ReceiptVerifier.of(keys).verify(SM2_SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
            assertThat(ReceiptVerifier.of(keys).verify(Fixtures.szSigner(ReceiptAlgorithm.SM2).sign(Fixtures.receipt())))
                    .isEqualTo(Fixtures.receipt());
        }
        assertThat(ReceiptVerifier.of(all).verify(SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
        assertThat(ReceiptVerifier.of(all).verify(ES256_SIGNED_RECEIPT)).isEqualTo(Fixtures.receipt());
    }

    /**
     * Bouncy Castle's JCA signature SM3withSM2, which signs under the default user id unless told otherwise,
     * with its own key classes and curve table, verifies the example's r || s (as DER) over the signing input.
     */
    @Test
    void theSm2ReceiptSignatureIsSm3WithSm2OverTheSigningInput() throws Exception {
        JsonNode jwk = ProtocolJson.MAPPER.readTree(SZ_SM2_PUBLIC_JWK);
        ECNamedCurveParameterSpec sm2p256v1 = ECNamedCurveTable.getParameterSpec("sm2p256v1");
        ECPoint point = sm2p256v1.getCurve().createPoint(coordinate(jwk, "x"), coordinate(jwk, "y"));
        PublicKey key = KeyFactory.getInstance("EC", BC).generatePublic(new ECPublicKeySpec(point, sm2p256v1));
        byte[] rs = Base64.getUrlDecoder().decode(SM2_SIGNED_RECEIPT.substring(SM2_SIGNED_RECEIPT.lastIndexOf('.') + 1));
        byte[] der = new DERSequence(new ASN1Integer[] {new ASN1Integer(new BigInteger(1, Arrays.copyOf(rs, 32))),
                new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(rs, 32, 64)))}).getEncoded();
        Signature sm3WithSm2 = Signature.getInstance("SM3withSM2", BC);
        sm3WithSm2.initVerify(key);
        sm3WithSm2.update(SM2_SIGNED_RECEIPT.substring(0, SM2_SIGNED_RECEIPT.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));

        assertThat(rs).hasSize(64);
        assertThat(sm3WithSm2.verify(der)).isTrue();
    }

    private static BigInteger coordinate(JsonNode jwk, String member) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(jwk.get(member).asString()));
    }

    /**
     * The resident-key vectors: the challenges of the test key, and a version 2 consent approved with it, whose
     * signature (ECDSA, randomized) cannot be recomputed, only verified.
     */
    @Test
    void residentSignedConsentVectors() {
        SoftwareAuthenticator resident = ResidentSignedConsentTest.RESIDENT;
        Hash32 binding = ResidentKey.binding(Fixtures.subject());
        byte[] registry = HexFormat.of().parseHex("5fbdb2315678afecb367f032d93f642f64180aa3");
        assertThat(ResidentChallenges.keyRegistration(binding, resident.key().hash()).hex())
                .isEqualTo(KEY_REGISTRATION_CHALLENGE);
        assertThat(ResidentChallenges.recoveryCancellation(31337, registry, ResidentChallenges.jurisdiction("HK"), binding,
                1).hex()).isEqualTo(RECOVERY_CANCELLATION_CHALLENGE);

        ConsentToken unsigned = ConsentToken.of(ResidentSignedConsentTest.signedRecord(RESIDENT_KEY_HASH),
                Fixtures.consentSalt());
        assertThat(unsigned.commitment().hex()).isEqualTo(SIGNED_CONSENT_COMMITMENT);
        assertThat(unsigned.approvalChallenge().hex()).isEqualTo(SIGNED_CONSENT_APPROVAL_CHALLENGE);
        assertThat(ResidentChallenges.consentRevocation(unsigned.commitment()).hex())
                .isEqualTo(SIGNED_CONSENT_REVOCATION_CHALLENGE);

        ConsentToken signed = ConsentToken.decode(SIGNED_CONSENT_TOKEN);
        ResidentApproval approval = signed.approval();
        assertThat(signed).isEqualTo(unsigned.withApproval(approval));
        assertThat(approval.key()).isEqualTo(resident.key());
        approval.verify(unsigned.approvalChallenge());
        assertThat(HexFormat.of().formatHex(approval.authenticatorDataBytes())).isEqualTo(SOFTWARE_KEY_AUTHENTICATOR_DATA);
        assertThat(approval.clientDataText()).isEqualTo(SOFTWARE_KEY_CLIENT_DATA);
        assertThat(resident.approve(unsigned.approvalChallenge()).clientDataText()).isEqualTo(SOFTWARE_KEY_CLIENT_DATA);
        assertThat(HexFormat.of().formatHex(approval.rawSignature())).isEqualTo(SIGNED_CONSENT_RAW_SIGNATURE);
    }

    @Test
    void theDocumentStatesEveryVector() throws IOException, IllegalAccessException {
        String document = withoutWhitespace(Files.readString(protocolDocument(), StandardCharsets.UTF_8));
        List<String> missing = new ArrayList<>();
        int checked = 0;
        for (Field field : ProtocolVectorsTest.class.getDeclaredFields()) {
            if (field.getType() == String.class && Modifier.isStatic(field.getModifiers())) {
                checked++;
                if (!document.contains(withoutWhitespace((String) field.get(null)))) {
                    missing.add(field.getName());
                }
            }
        }

        assertThat(checked).isGreaterThan(20);
        assertThat(missing).as("vectors missing from docs/protocol.md").isEmpty();
    }

    private static String segment(String jws, int index) {
        return new String(Base64.getUrlDecoder().decode(jws.split("\\.")[index]), StandardCharsets.UTF_8);
    }

    private static String withoutWhitespace(String text) {
        return text.replaceAll("\\s+", "");
    }

    /** docs/protocol.md at the repository root, found upwards from the module the tests run in. */
    private static Path protocolDocument() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("docs").resolve("protocol.md");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("docs/protocol.md not found above " + Path.of("").toAbsolutePath());
    }
}
