package dev.vigil.stress.lincheck;

import java.util.Random;
import org.jetbrains.lincheck.datastructures.ParameterGenerator;
import org.jetbrains.lincheck.datastructures.RandomProvider;

/**
 * Operation numbers drawn uniformly from {@code min:max}, from Lincheck's seeded random. Lincheck's
 * {@code IntGen} starts every scenario in the middle of its range and widens it one value per
 * draw, so a scenario of a few actors asks for operation 2 or 3 and hardly ever for operation 1:
 * the operation a test opens in its constructor would never be answered.
 */
public final class OperationNumberGen implements ParameterGenerator<Integer> {
    private final Random random;
    private final int min;
    private final int max;

    /**
     * @param randomProvider Lincheck's seeded randomness
     * @param configuration  {@code min:max}, both inclusive
     */
    public OperationNumberGen(RandomProvider randomProvider, String configuration) {
        String[] bounds = configuration.split(":");
        if (bounds.length != 2) {
            throw new IllegalArgumentException("configuration '" + configuration + "' must be min:max");
        }
        this.min = Integer.parseInt(bounds[0].strip());
        this.max = Integer.parseInt(bounds[1].strip());
        if (min > max) {
            throw new IllegalArgumentException("configuration '" + configuration + "': min > max");
        }
        this.random = randomProvider.createRandom();
    }

    @Override
    public Integer generate() {
        return min + random.nextInt(max - min + 1);
    }
}
