package dev.vigil.engine.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class OperationIdsTest {
    @Test
    void theEmptyListIsStoredAsAnEmptyArray() {
        assertThat(OperationIds.encode(List.of())).isEqualTo("[]").isEqualTo(OperationIds.EMPTY);
        assertThat(OperationIds.decode("[]")).contains(List.of());
    }

    @Test
    void uuidsAreStoredAsAJsonArray() {
        List<String> ids = List.of("3f2b6f7e-0c39-4a53-9d5e-0d7d1c1f6a10", "5b1e1c2a-7f1e-4c7a-8c43-1f0c9e4f2b77");

        String stored = OperationIds.encode(ids);

        assertThat(stored).isEqualTo("[\"3f2b6f7e-0c39-4a53-9d5e-0d7d1c1f6a10\",\"5b1e1c2a-7f1e-4c7a-8c43-1f0c9e4f2b77\"]");
        assertThat(OperationIds.decode(stored)).contains(ids);
    }

    @Test
    void anyIdRoundTrips() {
        List<String> ids = List.of("", "\"", "\\", "a,b", "]", "\u0000\u001f\n", "ü✓\uD83D\uDE00", " x ");

        assertThat(OperationIds.decode(OperationIds.encode(ids))).contains(ids);
    }

    @Test
    void standardJsonSpellingsAreAccepted() {
        assertThat(OperationIds.decode(" [ \"a\" , \"b\\/c\\u0041\\t\" ] ")).contains(List.of("a", "b/cA\t"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "op1", "op1,op2", "[", "]", "[\"a\"", "[\"a\",]", "[,]", "[a]", "[\"a\" \"b\"]",
            "[\"a\"] x", "[\"\\x\"]", "[\"\\u12\"]", "[\"\\u+123\"]", "[\"a\n\"]", "{\"a\":1}", "null", "[1]", "[\"a\"]]"})
    void anythingElseIsNotAList(String stored) {
        assertThat(OperationIds.decode(stored)).isEqualTo(Optional.empty());
    }

    @Test
    void nullIsNotAList() {
        assertThat(OperationIds.decode(null)).isEmpty();
    }
}
