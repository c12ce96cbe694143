package io.github.sessionfilter.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.jose4j.json.JsonUtil;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The claims parser gives what jose4j's parser gives, and refuses what it refuses. */
class ClaimsJsonTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sub\":\"Qm9uam91ciBsZSBtb25kZSEhIQ\",\"iat\":1906977600,\"exp\":1906978200,\"iss\":\"i\",\"aud\":\"a\"}",
            " { \"a\" : 1 , \"b\" : -2,\n\"c\":\"x\"\t} ",
            "{}",
            "{\"t\":true,\"f\":false,\"n\":null,\"z\":0,\"neg\":-0}",
            "{\"esc\":\"a\\\"b\\u0041\"}",            // escapes: jose4j's parser
            "{\"d\":1.5,\"e\":1e300,\"big\":123456789012345678901234}", // not plain integers: jose4j's parser
            "{\"aud\":[\"a\",\"b\"],\"o\":{\"k\":1}}",  // arrays and objects: jose4j's parser
            "{\"unicode\":\"héllo ✓\"}",
            "{\"a\":1,}", "{\"a\":01}",             // jose4j's parser is lenient here; it still decides
    })
    void parse_validObject_givesWhatJose4jGives(String json) throws Exception {
        assertEquals(JsonUtil.parseJson(json), ClaimsJson.parse(json));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"sub\":\"a\",\"sub\":\"b\"}",
            "{\"sub\":\"a\",\"x\":1,\"sub\":\"a\"}",
            "{\"sub\":\"a\",\"o\":{},\"sub\":\"b\"}",
            "", "[]", "[1]", "\"s\"", "1", "null", "{", "{\"a\"}", "{\"a\":}", "{\"a\":1}}",
            "{\"a\":tru}", "{'a':1}", "{\"a\":1} x",
    })
    void parse_duplicateMemberOrNotAnObject_isRejected(String json) {
        assertThrows(TokenRejectedException.class, () -> ClaimsJson.parse(json));
    }
}
