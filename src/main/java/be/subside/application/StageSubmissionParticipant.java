package be.subside.application;

import be.subside.call.Stage;
import java.time.Instant;
import java.util.List;

/**
 * A feature that has its say when a stage of a case is submitted (the documents, for one). Implemented outside this
 * package, so that the case does not depend on what takes part in its submission.
 */
public interface StageSubmissionParticipant {

    /** What is still missing before the stage can be submitted; empty when nothing is. */
    List<String> missing(Application application, Stage stage);

    /** Called in the submission's transaction once the case is submitted: freeze, receipt, ... */
    void submitted(Application application, Stage stage, Instant at);
}
