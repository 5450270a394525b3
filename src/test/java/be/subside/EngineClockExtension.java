package be.subside;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/** Every integration test starts with the engine clock at {@link Fixtures#START} and leaves it as it found it. */
public class EngineClockExtension implements BeforeEachCallback, AfterEachCallback {

    @Override
    public void beforeEach(ExtensionContext context) {
        Fixtures.setClock(Fixtures.START);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Fixtures.resetClock();
    }
}
