package be.subside.application;

import be.subside.shared.ApiErrors;
import be.subside.shared.InvalidInputException;
import java.util.List;

/** A submission refused because required pieces are missing; lists every one of them. */
public class MissingPiecesException extends InvalidInputException implements ApiErrors.HasDetails {

    private final List<String> missing;

    public MissingPiecesException(List<String> missing) {
        super("submission.missingPieces", "documents", "Cannot submit yet, missing: " + String.join("; ", missing));
        this.missing = List.copyOf(missing);
    }

    public List<String> missing() {
        return missing;
    }

    @Override
    public List<String> details() {
        return missing;
    }
}
