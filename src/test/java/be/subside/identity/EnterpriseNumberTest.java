package be.subside.identity;

import static org.assertj.core.api.Assertions.*;

import be.subside.shared.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EnterpriseNumberTest {

    @ParameterizedTest
    @CsvSource({
        "0412.345.614, 0412345614",
        "BE 0412.345.614, 0412345614",
        "be0412345614, 0412345614",
        "412.345.614, 0412345614",
        "0851 234 584, 0851234584"
    })
    void acceptsTheUsualSpellingsAndNormalises(String input, String expected) {
        assertThat(EnterpriseNumber.normalise(input, "enterpriseNumber")).isEqualTo(expected);
        assertThat(EnterpriseNumber.format(expected)).matches("\\d{4}\\.\\d{3}\\.\\d{3}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0412.345.615", "0412.345.613", "2412.345.614", "04123456", "041234561412", "0412-345-614",
        "ABCD.EFG.HIJ", "0412.345.6l4"})
    void refusesWhatIsNotAnEnterpriseNumber(String input) {
        assertThatThrownBy(() -> EnterpriseNumber.normalise(input, "partner"))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("partner");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1000", "1020", "1120", "1200", "1210", "1299"})
    void acceptsBrusselsPostalCodes(String code) {
        assertThat(BrusselsPostalCode.validate(" " + code + " ", "postalCode")).isEqualTo(code);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0999", "1300", "1348", "1500", "1930", "9000", "B-1000", "100", ""})
    void refusesPostalCodesOutsideTheRegion(String code) {
        assertThatThrownBy(() -> BrusselsPostalCode.validate(code, "postalCode"))
                .isInstanceOf(InvalidInputException.class).extracting("field").isEqualTo("postalCode");
    }
}
