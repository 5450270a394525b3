package be.subside.identity;

import be.subside.shared.InvalidInputException;

/**
 * Belgian enterprise number (BCE/KBO): ten digits, the first 0 or 1, the last two being 97 minus the first eight
 * modulo 97. Accepts the usual spellings ("BE 0123.456.749", "0123456749") and normalises to ten digits.
 */
public final class EnterpriseNumber {

    private EnterpriseNumber() {
    }

    public static String normalise(String input, String field) {
        if (input == null || input.isBlank()) {
            throw new InvalidInputException("enterpriseNumber.missing", field, "The enterprise number is required");
        }
        String digits = input.strip().toUpperCase(java.util.Locale.ROOT);
        if (digits.startsWith("BE")) {
            digits = digits.substring(2);
        }
        digits = digits.replaceAll("[\\s.]", "");
        if (!digits.matches("\\d{9,10}")) {
            throw new InvalidInputException("enterpriseNumber.format", field,
                    "'" + input + "' is not an enterprise number: expected 10 digits, e.g. 0123.456.749");
        }
        if (digits.length() == 9) {
            digits = "0" + digits; // numbers issued before 2005 are often written without their leading zero
        }
        if (digits.charAt(0) != '0' && digits.charAt(0) != '1') {
            throw new InvalidInputException("enterpriseNumber.format", field,
                    "'" + input + "' is not an enterprise number: it must start with 0 or 1");
        }
        long body = Long.parseLong(digits.substring(0, 8));
        int check = Integer.parseInt(digits.substring(8));
        if (97 - (body % 97) != check) {
            throw new InvalidInputException("enterpriseNumber.checksum", field,
                    "'" + input + "' is not a valid enterprise number: its check digits do not match");
        }
        return digits;
    }

    /** 0123.456.749 */
    public static String format(String tenDigits) {
        return tenDigits.substring(0, 4) + "." + tenDigits.substring(4, 7) + "." + tenDigits.substring(7);
    }
}
