package org.hashbridge.node.consent.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import jakarta.servlet.http.Cookie;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import org.hashbridge.node.NodeException;
import org.hashbridge.node.admin.web.DashboardLanguages;
import org.hashbridge.node.config.AnchoringProperties;
import org.hashbridge.node.config.NodeProperties;
import org.hashbridge.node.consent.Access;
import org.hashbridge.node.consent.AccessPage;
import org.hashbridge.node.consent.ConsentService;
import org.hashbridge.node.consent.ConsentStatus;
import org.hashbridge.node.consent.ConsentView;
import org.hashbridge.node.institution.AssertionOptions;
import org.hashbridge.node.institution.Caller;
import org.hashbridge.node.institution.InstitutionDirectory;
import org.hashbridge.node.institution.InstitutionLifecycle;
import org.hashbridge.node.institution.ResidentKeyView;
import org.hashbridge.node.institution.ResidentKeys;
import org.hashbridge.node.institution.Role;
import org.hashbridge.protocol.ConsentRecord;
import org.hashbridge.protocol.ConsentToken;
import org.hashbridge.protocol.Hash32;
import org.hashbridge.protocol.ResidentApproval;
import org.hashbridge.protocol.ResidentChallenges;
import org.hashbridge.protocol.ResidentKey;
import org.hashbridge.protocol.Salt;
import org.hashbridge.protocol.SoftwareAuthenticator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;

/**
 * The resident page over its real security (its own session and cookie, CSRF, headers, sign-in and lock-out), its
 * templates in the three languages and its JSON ceremonies; the services are the test's doubles.
 */
@WebMvcTest(controllers = {ResidentPageController.class, ResidentPageApi.class, ResidentPasskeySignIn.class},
        properties = {"spring.config.name=hashbridge-node", "hashbridge.node.operator=hk",
                "hashbridge.node.jurisdiction=HK", "hashbridge.node.languages=zh-HK,en"},
        excludeAutoConfiguration = UserDetailsServiceAutoConfiguration.class)
@Import({ResidentPageSecurity.class, ResidentPageWeb.class, Refusals.class, ResidentPageApiAdvice.class, ResidentSessions.class,
        DashboardLanguages.class, ResidentPageWebTest.Beans.class})
@EnableConfigurationProperties({NodeProperties.class, AnchoringProperties.class})
class ResidentPageWebTest {

    private static final Caller RESIDENT = new Caller("HK-A1234567", Role.RESIDENT);
    private static final String CREDENTIAL = "hbr_the-residents-credential";
    private static final Instant NOW = Instant.parse("2026-03-02T09:30:00Z");
    private static final SoftwareAuthenticator PASSKEY = SoftwareAuthenticator.generate();
    private static final String LANGUAGES = "en,zh-HK,zh-CN";

    @TestConfiguration(proxyBeanMethods = false)
    static class Beans {
        @Bean
        MeterRegistry meters() {
            return new SimpleMeterRegistry();
        }

        @Bean
        Clock clock() {
            return Clock.fixed(NOW, ZoneOffset.UTC);
        }
    }

    @Autowired
    private MockMvc mvc;
    @Autowired
    private MeterRegistry meters;
    @MockitoBean
    private ConsentService consents;
    @MockitoBean
    private ResidentKeys keys;
    @MockitoBean
    private InstitutionLifecycle institutions;
    @MockitoBean
    private InstitutionDirectory directory;

    @BeforeEach
    void residentsAndTheirCredentials() {
        when(directory.authenticate(anyString())).thenReturn(Optional.empty());
        when(directory.authenticate(CREDENTIAL)).thenReturn(Optional.of(RESIDENT));
        when(directory.authenticate("hbk_an-issuers-key")).thenReturn(Optional.of(new Caller("hk.transunion", Role.ISSUER)));
        when(directory.authenticate("hbr_another-residents")).thenReturn(Optional.of(new Caller("HK-Z7654321", Role.RESIDENT)));
    }

    // --- fixtures -------------------------------------------------------------------------------------------------

    /** A version 2 consent of {@code status}, resident-signed or assisted, as the consent service shows it. */
    private static ConsentView consent(ConsentStatus status, String collection) {
        boolean signed = ConsentRecord.RESIDENT_SIGNED.equals(collection);
        ConsentRecord record = new ConsentRecord(ConsentRecord.VERSION_2, UUID.randomUUID().toString(), "ab".repeat(32),
                "hk.transunion", "cn.abc-shenzhen", "credit-report", "consumer loan application",
                NOW.getEpochSecond(), NOW.plusSeconds(30 * 86_400).getEpochSecond(), "HK",
                new ConsentRecord.Recipient("Agricultural Bank of China, Shenzhen Branch", "privacy@abc-shenzhen.example", "SZ"),
                List.of("credit score", "repayment history"), "its hash compared with the one anchored on chain",
                "the bank keeps the answer for 7 years", "withdraw on this page at any time", "en", collection,
                signed ? PASSKEY.key().hash().hex() : null);
        ConsentToken token = ConsentToken.of(record, Salt.random());
        boolean awaiting = status == ConsentStatus.AWAITING_APPROVAL;
        return new ConsentView(UUID.fromString(record.consentId()), status, record.issuer(), record.verifier(),
                record.documentType(), record.purpose(), NOW, record.validUntilInstant(),
                status == ConsentStatus.REVOKED ? Optional.of(NOW.plusSeconds(60)) : Optional.empty(),
                token.commitment().hex(), token.encode(), false, Optional.empty(),
                Optional.of(new ConsentView.Terms(record.recipient(), record.dataCategories(), record.processing(),
                        record.retention(), record.withdrawal(), record.language())),
                collection, Optional.ofNullable(record.residentKey()),
                awaiting ? Optional.of(base64url(token.approvalChallenge())) : Optional.empty(),
                awaiting ? Optional.of(NOW.plusSeconds(600)) : Optional.empty(),
                signed ? Optional.of(base64url(ResidentChallenges.consentRevocation(token.commitment()))) : Optional.empty(),
                Optional.empty(), Optional.empty());
    }

    private static ResidentKeyView key(boolean bound) {
        return new ResidentKeyView("cd".repeat(32), bound ? Optional.of(PASSKEY.key().hash().hex()) : Optional.empty(),
                bound ? 1 : 0, Optional.empty(), 31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", "HK",
                Optional.empty(), bound ? List.of(new ResidentKeyView.Passkey("credential-id-0001", NOW, Optional.empty()))
                : List.of());
    }

    private static String base64url(Hash32 hash) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(hash.bytes());
    }

    /** Signs in as the page does (the form, its CSRF token) and answers the page's session cookie. */
    private Cookie signIn() throws Exception {
        MvcResult result = mvc.perform(post("/resident/login").with(csrf())
                        .param("resident", " hk-a1234567 ").param("credential", CREDENTIAL))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/resident")).andReturn();
        Cookie cookie = result.getResponse().getCookie(ResidentPageSecurity.COOKIE);
        assertThat(cookie).as("the page's own session cookie").isNotNull();
        return cookie;
    }

    private void signedInWithAKeyAndConsents() {
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.of(PASSKEY.key().hash()));
        when(keys.current(RESIDENT)).thenReturn(key(true));
        ConsentView signed = consent(ConsentStatus.AUTHORISED, ConsentRecord.RESIDENT_SIGNED);
        when(consents.list(RESIDENT)).thenReturn(List.of(signed, consent(ConsentStatus.REVOKED, ConsentRecord.ASSISTED),
                consent(ConsentStatus.AWAITING_APPROVAL, ConsentRecord.RESIDENT_SIGNED)));
        when(consents.accesses(eq(RESIDENT), any(), any())).thenReturn(new AccessPage(List.of(new Access("cn.abc-shenzhen",
                NOW.plusSeconds(90), "VERIFIED", "d9".repeat(32), "0x" + "7f".repeat(32))), 0, 50, 1));
        when(institutions.list()).thenReturn(List.of());
    }

    // --- security ------------------------------------------------------------------------------------------------

    @Test
    void aStrangerIsSentToSignInAndTheJsonEndpointsAnswer401() throws Exception {
        mvc.perform(get("/resident")).andExpect(status().isFound()).andExpect(redirectedUrl("/resident/login"));
        mvc.perform(get("/resident/consents/new")).andExpect(status().isFound());
        mvc.perform(get("/resident/api/passkey/options")).andExpect(status().isUnauthorized())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("UNAUTHENTICATED"));
        verifyNoInteractions(consents, keys);
    }

    @Test
    void everyPageCarriesAStrictContentSecurityPolicyAndRefusesFraming() throws Exception {
        mvc.perform(get("/resident/login"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Security-Policy", org.hashbridge.node.web.PageHeaders.CONTENT_SECURITY_POLICY))
                .andExpect(header().string("Content-Security-Policy", containsString("script-src 'self';")))
                .andExpect(header().string("Content-Security-Policy", not(containsString("unsafe-inline"))))
                .andExpect(header().string("X-Frame-Options", "DENY"))
                .andExpect(header().string("X-Content-Type-Options", "nosniff"))
                .andExpect(header().string(HttpHeaders.CACHE_CONTROL, containsString("no-store")))
                .andExpect(content().string(not(containsString("<script>"))))
                .andExpect(content().string(not(containsString("style="))));
    }

    @Test
    void signingInGivesAnHttpOnlySameSiteCookieOfThePagesOwnOnTheResidentPathOnly() throws Exception {
        MvcResult result = mvc.perform(post("/resident/login").with(csrf())
                .param("resident", "HK-A1234567").param("credential", CREDENTIAL)).andReturn();

        String setCookie = result.getResponse().getHeader(HttpHeaders.SET_COOKIE);
        assertThat(setCookie).startsWith(ResidentPageSecurity.COOKIE + "=").contains("Path=/resident").contains("HttpOnly")
                .contains("SameSite=Lax").doesNotContain("HASHBRIDGE_ADMIN");
        Cookie session = result.getResponse().getCookie(ResidentPageSecurity.COOKIE);
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.empty());
        when(consents.list(RESIDENT)).thenReturn(List.of());
        mvc.perform(get("/resident").cookie(session)).andExpect(status().isOk());
        // the dashboard's cookie opens nothing here
        mvc.perform(get("/resident").cookie(new Cookie("HASHBRIDGE_ADMIN", session.getValue())))
                .andExpect(status().isFound());
    }

    @Test
    void aSignInWithoutTheFormsTokenIsRefusedAndSignsNobodyIn() throws Exception {
        mvc.perform(post("/resident/login").param("resident", "HK-A1234567").param("credential", CREDENTIAL))
                .andExpect(status().isForbidden());
        verifyNoInteractions(directory);
    }

    @ParameterizedTest
    @ValueSource(strings = {"hbr_wrong", "hbk_an-issuers-key", "hbr_another-residents", ""})
    void aCredentialThatIsNotThisResidentsIsRefusedAndCounted(String credential) throws Exception {
        double before = failures();
        String resident = "HK-C" + Math.abs(credential.hashCode()); // each refused once: none is locked here
        mvc.perform(post("/resident/login").with(csrf()).param("resident", resident).param("credential", credential))
                .andExpect(status().isFound()).andExpect(redirectedUrl("/resident/login?error"));
        assertThat(failures()).isEqualTo(before + 1);
    }

    @Test
    void fiveRefusalsInARowLockTheIdentifierAndThenEvenTheRightCredentialIsRefused() throws Exception {
        for (int i = 1; i < ResidentSignIn.MAX_FAILURES; i++) {
            mvc.perform(post("/resident/login").with(csrf()).param("resident", "HK-B1111111").param("credential", "guess-" + i))
                    .andExpect(redirectedUrl("/resident/login?error"));
        }
        mvc.perform(post("/resident/login").with(csrf()).param("resident", "hk-b1111111").param("credential", "guess-5"))
                .andExpect(redirectedUrl("/resident/login?locked"));
        when(directory.authenticate("hbr_b-credential")).thenReturn(Optional.of(new Caller("HK-B1111111", Role.RESIDENT)));
        mvc.perform(post("/resident/login").with(csrf()).param("resident", "HK-B1111111").param("credential", "hbr_b-credential"))
                .andExpect(redirectedUrl("/resident/login?locked"));
        // another identifier is not locked with it
        signIn();
    }

    @Test
    void aPasskeyAssertionSignsInTheResidentItNamesInANewSession() throws Exception {
        Cookie before = mvc.perform(get("/resident/login")).andReturn().getResponse().getCookie(ResidentPageSecurity.COOKIE);
        when(keys.signInWithPasskey("cred", "ad", "cd", "sig")).thenReturn(RESIDENT);
        String assertion = "{\"credentialId\":\"cred\",\"authenticatorData\":\"ad\",\"clientDataJSON\":\"cd\",\"signature\":\"sig\"}";

        mvc.perform(post("/resident/login/passkey").cookie(before).contentType(MediaType.APPLICATION_JSON).content(assertion))
                .andExpect(status().isForbidden());
        verifyNoInteractions(keys);
        MvcResult signedIn = mvc.perform(post("/resident/login/passkey").with(csrf()).cookie(before)
                        .contentType(MediaType.APPLICATION_JSON).content(assertion))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.next").value("/resident")).andReturn();

        Cookie session = signedIn.getResponse().getCookie(ResidentPageSecurity.COOKIE);
        assertThat(session.getValue()).as("a new session id: no fixation").isNotEqualTo(before.getValue());
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.of(PASSKEY.key().hash()));
        when(consents.list(RESIDENT)).thenReturn(List.of());
        mvc.perform(get("/resident").cookie(session)).andExpect(status().isOk());
        mvc.perform(get("/resident").cookie(before)).andExpect(status().isFound());
    }

    @Test
    void aPasskeyTheNodeDoesNotKnowSignsNobodyIn() throws Exception {
        when(keys.signInWithPasskey(any(), any(), any(), any())).thenThrow(new NodeException(NodeException.Kind.NOT_FOUND,
                "UNKNOWN_PASSKEY", "Unknown passkey", "no resident registered this passkey"));

        MvcResult refused = mvc.perform(post("/resident/login/passkey").with(csrf()).param("lang", "en")
                        .contentType(MediaType.APPLICATION_JSON).content("{\"credentialId\":\"c\",\"authenticatorData\":\"a\","
                                + "\"clientDataJSON\":\"d\",\"signature\":\"s\"}"))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("UNKNOWN_PASSKEY"))
                .andExpect(jsonPath("$.message").value("This passkey is not one you registered on this node. Nothing was changed."))
                .andReturn();
        Cookie session = refused.getResponse().getCookie(ResidentPageSecurity.COOKIE);
        if (session != null) {
            mvc.perform(get("/resident").cookie(session)).andExpect(status().isFound());
        }
    }

    @Test
    void aJsonCallWithoutThePagesTokenIsRefusedAndChangesNothing() throws Exception {
        Cookie session = signIn();
        UUID id = UUID.randomUUID();
        mvc.perform(post("/resident/api/consents/" + id + "/approval").cookie(session)
                        .contentType(MediaType.APPLICATION_JSON).content("{\"credentialId\":\"x\"}"))
                .andExpect(status().isForbidden())
                .andExpect(jsonPath("$.code").value("CSRF_TOKEN_INVALID"));
        verifyNoInteractions(consents, keys);
    }

    // --- the pages in three languages -----------------------------------------------------------------------------

    static Stream<Arguments> pagesInEachLanguage() {
        List<String> pages = List.of("/resident", "/resident/consents/new", "/resident/passkey", "CONSENT:AWAITING_APPROVAL",
                "CONSENT:AUTHORISED", "CONSENT:REVOKED");
        return Stream.of(LANGUAGES.split(",")).flatMap(lang -> pages.stream().map(page -> Arguments.of(page, lang)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("pagesInEachLanguage")
    void everyPageRendersEveryTextFromTheMessagesInEachLanguage(String page, String lang) throws Exception {
        signedInWithAKeyAndConsents();
        String path = page;
        if (page.startsWith("CONSENT:")) {
            ConsentView view = consent(ConsentStatus.valueOf(page.substring(8)), ConsentRecord.RESIDENT_SIGNED);
            when(consents.find(RESIDENT, view.consentId())).thenReturn(view);
            path = "/resident/consents/" + view.consentId();
        }
        String html = mvc.perform(get(path).param("lang", lang).cookie(signIn()))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();

        assertThat(html).as("a key missing from the messages").doesNotContain("??");
        assertThat(html).contains("lang=\"" + lang + "\"");
        assertThat(html).as("the resident's identifier is never on the page").doesNotContain("HK-A1234567");
    }

    @Test
    void theLoginPageSpeaksTheNodesLanguageUnlessAskedOtherwise() throws Exception {
        mvc.perform(get("/resident/login")).andExpect(content().string(containsString("居民登入")));
        mvc.perform(get("/resident/login").param("lang", "zh-CN")).andExpect(content().string(containsString("居民登录")));
        mvc.perform(get("/resident/login").param("lang", "en")).andExpect(content().string(containsString("Resident sign-in")));
    }

    @Test
    void theReviewShowsExactlyWhatTheConsentCoversAndItsPasskeyCeremony() throws Exception {
        signedInWithAKeyAndConsents();
        ConsentView view = consent(ConsentStatus.AWAITING_APPROVAL, ConsentRecord.RESIDENT_SIGNED);
        when(consents.find(RESIDENT, view.consentId())).thenReturn(view);

        String html = mvc.perform(get("/resident/consents/" + view.consentId()).param("lang", "en").cookie(signIn()))
                .andReturn().getResponse().getContentAsString();

        assertThat(html).contains("Review your consent", "Agricultural Bank of China, Shenzhen Branch",
                "privacy@abc-shenzhen.example", "Shenzhen (mainland China)", "hk.transunion", "credit-report",
                "consumer loan application", "credit score", "repayment history",
                "its hash compared with the one anchored on chain", "the bank keeps the answer for 7 years",
                "withdraw on this page at any time", "2026-04-01 09:30 UTC", "English", view.commitment(),
                "data-ceremony=\"approve\"", "/resident/api/consents/" + view.consentId() + "/approval-options");
        assertThat(html).as("no token before it is approved").doesNotContain(view.token());
    }

    @Test
    void anAuthorisedConsentShowsItsTokenItsAccessesAndHowItWasCollected() throws Exception {
        signedInWithAKeyAndConsents();
        ConsentView view = consent(ConsentStatus.AUTHORISED, ConsentRecord.RESIDENT_SIGNED);
        when(consents.find(RESIDENT, view.consentId())).thenReturn(view);
        Cookie session = signIn();

        mvc.perform(get("/resident/consents/" + view.consentId()).param("lang", "en").cookie(session))
                .andExpect(content().string(containsString(view.token())))
                .andExpect(content().string(containsString("Approved with your passkey")))
                .andExpect(content().string(containsString("data-verdict=\"VERIFIED\"")))
                .andExpect(content().string(containsString("data-ceremony=\"revoke\"")));
        mvc.perform(get("/resident/consents/" + view.consentId() + "/token.txt").cookie(session))
                .andExpect(status().isOk())
                .andExpect(header().string(HttpHeaders.CONTENT_DISPOSITION, containsString("attachment")))
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(content().string(view.token() + "\n"));
    }

    @Test
    void anAssistedConsentIsMarkedAsCollectedByTheOperatorAndWithdrawnWithoutAPasskey() throws Exception {
        signedInWithAKeyAndConsents();
        ConsentView view = consent(ConsentStatus.AUTHORISED, ConsentRecord.ASSISTED);
        when(consents.find(RESIDENT, view.consentId())).thenReturn(view);
        when(consents.revoke(RESIDENT, view.consentId())).thenReturn(consent(ConsentStatus.REVOKED, ConsentRecord.ASSISTED));
        Cookie session = signIn();

        mvc.perform(get("/resident/consents/" + view.consentId()).param("lang", "en").cookie(session))
                .andExpect(content().string(containsString("data-collection=\"ASSISTED\"")))
                .andExpect(content().string(containsString("Collected by the operator, without your passkey")))
                .andExpect(content().string(not(containsString("data-ceremony=\"revoke\""))));
        mvc.perform(post("/resident/consents/" + view.consentId() + "/revocation").cookie(session))
                .andExpect(status().isForbidden());
        mvc.perform(post("/resident/consents/" + view.consentId() + "/revocation").with(csrf()).cookie(session))
                .andExpect(redirectedUrl("/resident/consents/" + view.consentId() + "?revoked"));
        verify(consents).revoke(RESIDENT, view.consentId());
    }

    // --- granting -------------------------------------------------------------------------------------------------

    @Test
    void withoutAKeyThePageGrantsNothingTheServiceWouldRecordAsAssisted() throws Exception {
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.empty());
        when(institutions.list()).thenReturn(List.of());

        mvc.perform(post("/resident/consents").with(csrf()).cookie(signIn()).param("lang", "en")
                        .param("verifier", "cn.abc-shenzhen").param("issuer", "hk.transunion")
                        .param("documentType", "credit-report").param("purpose", "loan").param("days", "30"))
                .andExpect(status().isConflict())
                .andExpect(content().string(containsString("data-code=\"RESIDENT_KEY_REQUIRED\"")));
        verify(consents, org.mockito.Mockito.never()).grant(any(), any());
    }

    @Test
    void aConsentAskedForIsStoredForReviewInThePagesLanguageForTheDurationPicked() throws Exception {
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.of(PASSKEY.key().hash()));
        ConsentView awaiting = consent(ConsentStatus.AWAITING_APPROVAL, ConsentRecord.RESIDENT_SIGNED);
        when(consents.grant(eq(RESIDENT), any())).thenReturn(awaiting);

        mvc.perform(post("/resident/consents").with(csrf()).cookie(signIn()).param("lang", "zh-HK")
                        .param("verifier", "cn.abc-shenzhen").param("issuer", "hk.transunion")
                        .param("documentType", "credit-report").param("purpose", " consumer loan ").param("days", "90"))
                .andExpect(redirectedUrl("/resident/consents/" + awaiting.consentId()));

        verify(consents).grant(RESIDENT, new ConsentService.Grant("HK-A1234567", "hk.transunion", "cn.abc-shenzhen",
                "credit-report", "consumer loan", NOW.plusSeconds(90 * 86_400), null, null, null, null, "zh-Hant-HK"));
    }

    @Test
    void aRefusalIsShownInThePagesLanguageWithTheApisStatus() throws Exception {
        when(keys.boundKey(RESIDENT)).thenReturn(Optional.of(PASSKEY.key().hash()));
        when(institutions.list()).thenReturn(List.of());
        when(consents.grant(eq(RESIDENT), any())).thenThrow(new NodeException(NodeException.Kind.UNPROCESSABLE,
                "UNKNOWN_VERIFIER", "Unknown verifier", "cn.nobody is not registered"));

        mvc.perform(post("/resident/consents").with(csrf()).cookie(signIn()).param("lang", "zh-CN")
                        .param("verifier", "cn.nobody").param("issuer", "hk.transunion")
                        .param("documentType", "credit-report").param("purpose", "loan").param("days", "30"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().string(containsString("区块链上没有以此代码登记的银行")))
                .andExpect(content().string(containsString("value=\"cn.nobody\"")));
        mvc.perform(post("/resident/consents").with(csrf()).cookie(signIn()).param("lang", "en")
                        .param("verifier", "cn.abc-shenzhen").param("issuer", "hk.transunion")
                        .param("documentType", "credit-report").param("purpose", "loan").param("days", "3650"))
                .andExpect(status().isBadRequest())
                .andExpect(content().string(containsString("data-code=\"INVALID_DURATION\"")));
    }

    // --- the passkey ceremonies -----------------------------------------------------------------------------------

    @Test
    void anApprovalIsTheAssertionMadeIntoTheResidentsApprovalAndHandedToTheService() throws Exception {
        ConsentView awaiting = consent(ConsentStatus.AWAITING_APPROVAL, ConsentRecord.RESIDENT_SIGNED);
        ResidentApproval approval = PASSKEY.approve(ConsentToken.decode(awaiting.token()).approvalChallenge());
        when(keys.approvalFromPasskey(RESIDENT, "cred", "ad", "cd", "sig")).thenReturn(approval);
        when(consents.approve(RESIDENT, awaiting.consentId(), approval))
                .thenReturn(consent(ConsentStatus.AUTHORISED, ConsentRecord.RESIDENT_SIGNED));

        mvc.perform(post("/resident/api/consents/" + awaiting.consentId() + "/approval").with(csrf()).cookie(signIn())
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"credentialId\":\"cred\",\"authenticatorData\":\"ad\",\"clientDataJSON\":\"cd\",\"signature\":\"sig\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.status").value("AUTHORISED"))
                .andExpect(jsonPath("$.next").value("/resident/consents/" + awaiting.consentId() + "?approved"));
        verify(consents).approve(RESIDENT, awaiting.consentId(), approval);
    }

    @Test
    void theApprovalOptionsAreForTheConsentsOwnChallenge() throws Exception {
        ConsentView awaiting = consent(ConsentStatus.AWAITING_APPROVAL, ConsentRecord.RESIDENT_SIGNED);
        when(consents.find(RESIDENT, awaiting.consentId())).thenReturn(awaiting);
        Hash32 challenge = ConsentToken.decode(awaiting.token()).approvalChallenge();
        when(keys.approvalOptions(RESIDENT, challenge)).thenReturn(new AssertionOptions(base64url(challenge), "localhost",
                List.of(), "preferred", 300_000));

        mvc.perform(get("/resident/api/consents/" + awaiting.consentId() + "/approval-options").cookie(signIn()))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.challenge").value(base64url(challenge)))
                .andExpect(jsonPath("$.rpId").value("localhost"));
    }

    @Test
    void aRefusedApprovalIsAProblemWhoseMessageIsInThePagesLanguage() throws Exception {
        UUID id = UUID.randomUUID();
        when(keys.approvalFromPasskey(eq(RESIDENT), any(), any(), any(), any())).thenReturn(PASSKEY.approve(Hash32.of(new byte[32])));
        when(consents.approve(eq(RESIDENT), eq(id), any())).thenThrow(new NodeException(NodeException.Kind.UNPROCESSABLE,
                "APPROVAL_CHALLENGE_MISMATCH", "Approval refused", "the approval was made for something else"));

        mvc.perform(post("/resident/api/consents/" + id + "/approval").with(csrf()).cookie(signIn()).param("lang", "zh-HK")
                        .contentType(MediaType.APPLICATION_JSON)
                        .content("{\"credentialId\":\"c\",\"authenticatorData\":\"a\",\"clientDataJSON\":\"d\",\"signature\":\"s\"}"))
                .andExpect(status().isUnprocessableContent())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("APPROVAL_CHALLENGE_MISMATCH"))
                .andExpect(jsonPath("$.message").value("通行密鑰簽署了其他內容。沒有任何改動。"));
    }

    @Test
    void theReplacementOptionsAreTheRegistrysChallengeForTheNewKey() throws Exception {
        ResidentKeyView current = key(true);
        when(keys.current(RESIDENT)).thenReturn(current);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey newKey = (ECPublicKey) generator.generateKeyPair().getPublic();
        Hash32 expected = ResidentChallenges.keyReplacement(31337,
                java.util.HexFormat.of().parseHex("5fbdb2315678afecb367f032d93f642f64180aa3"),
                ResidentChallenges.jurisdiction("HK"), Hash32.fromHex("cd".repeat(32)), ResidentKey.of(newKey).hash(), 1);
        when(keys.approvalOptions(RESIDENT, expected)).thenReturn(new AssertionOptions(base64url(expected), "localhost",
                List.of(), "preferred", 300_000));

        mvc.perform(post("/resident/api/passkey/replacement-options").with(csrf()).cookie(signIn())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"publicKey\":\""
                                + Base64.getUrlEncoder().withoutPadding().encodeToString(newKey.getEncoded()) + "\"}"))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.challenge").value(base64url(expected)));
        mvc.perform(post("/resident/api/passkey/replacement-options").with(csrf()).cookie(signIn())
                        .contentType(MediaType.APPLICATION_JSON).content("{\"publicKey\":\"bm90IGEga2V5\"}"))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.code").value("MALFORMED_PASSKEY"));
    }

    private double failures() {
        return meters.get("hashbridge.authentication.failures").tag("kind", "resident").counter().count();
    }
}
