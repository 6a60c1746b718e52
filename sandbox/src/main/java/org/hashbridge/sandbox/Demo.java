package org.hashbridge.sandbox;

import java.util.List;

/** The demo institutions and residents the sandbox provisions. */
final class Demo {

    enum Side {
        SZ("sz", "SZ"), HK("hk", "HK");

        final String operator;
        final String jurisdiction;

        Side(String operator, String jurisdiction) {
            this.operator = operator;
            this.jurisdiction = jurisdiction;
        }
    }

    record Institution(String id, String role, Side side) {
    }

    record Resident(String subject, Side side) {
    }

    static final List<Institution> INSTITUTIONS = List.of(
            new Institution("hk.transunion", "ISSUER", Side.HK),
            new Institution("hk.fusion-bank", "VERIFIER", Side.HK),
            new Institution("cn.baihang", "ISSUER", Side.SZ),
            new Institution("cn.abc-shenzhen", "VERIFIER", Side.SZ));

    /** Made-up identifiers in the shape of an HKID and a mainland resident ID number. */
    static final List<Resident> RESIDENTS = List.of(
            new Resident("HK-A1234567", Side.HK),
            new Resident("CN-440300199001011234", Side.SZ));

    /** Each node's demo operator, who signs in to its dashboard with a password made at each start. */
    static String operator(Side side) {
        return side.operator + "-operator";
    }

    private Demo() {
    }
}
