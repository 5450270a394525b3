package be.subside.identity;

import be.subside.shared.InvalidInputException;

/** Postal codes of the Brussels-Capital Region: 1000 to 1299 (the 19 municipalities and their special codes). */
public final class BrusselsPostalCode {

    private BrusselsPostalCode() {
    }

    public static String validate(String input, String field) {
        String code = input == null ? "" : input.strip();
        if (!code.matches("\\d{4}")) {
            throw new InvalidInputException("postalCode.format", field, "'" + input + "' is not a Belgian postal code");
        }
        int value = Integer.parseInt(code);
        if (value < 1000 || value > 1299) {
            throw new InvalidInputException("postalCode.outsideBrussels", field,
                    "Postal code " + code + " is outside the Brussels-Capital Region (1000-1299)");
        }
        return code;
    }
}
