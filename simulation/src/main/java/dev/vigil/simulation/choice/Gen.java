package dev.vigil.simulation.choice;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * A generator of values from choices: our own small property-testing library. Because values
 * are built from a {@link ChoiceSource}, shrinking the choices shrinks the values, with no
 * per-type shrinker to write.
 */
@FunctionalInterface
public interface Gen<T> {
    T generate(ChoiceSource choices);

    default <R> Gen<R> map(Function<? super T, ? extends R> mapper) {
        return choices -> mapper.apply(generate(choices));
    }

    default <R> Gen<R> flatMap(Function<? super T, Gen<R>> mapper) {
        return choices -> mapper.apply(generate(choices)).generate(choices);
    }

    static Gen<Integer> integers(int min, int max) {
        return choices -> choices.between(min, max);
    }

    static Gen<Long> longs(long min, long max) {
        if (max < min || max - min >= Integer.MAX_VALUE) {
            throw new IllegalArgumentException("longs(" + min + ", " + max + "): the span must be 0 … " + (Integer.MAX_VALUE - 1));
        }
        return choices -> min + choices.draw((int) (max - min + 1));
    }

    static Gen<Boolean> booleans(int percentTrue) {
        return choices -> choices.chance(percentTrue);
    }

    /** One of {@code values}; the first is the simplest. */
    @SafeVarargs
    @SuppressWarnings("varargs")
    static <T> Gen<T> oneOf(T... values) {
        List<T> options = List.of(values);
        return choices -> options.get(choices.draw(options.size()));
    }

    /** One of {@code values} with the given weights (a weight of 0 is never chosen). */
    static <T> Gen<T> weighted(List<T> values, int[] weights) {
        Objects.requireNonNull(values, "values");
        if (values.size() != weights.length || values.isEmpty()) {
            throw new IllegalArgumentException("weighted: " + values.size() + " values but " + weights.length + " weights");
        }
        int total = 0;
        for (int weight : weights) {
            if (weight < 0) {
                throw new IllegalArgumentException("weighted: weight " + weight + " is negative");
            }
            total += weight;
        }
        if (total == 0) {
            throw new IllegalArgumentException("weighted: all weights are 0");
        }
        int sum = total;
        return choices -> {
            int pick = choices.draw(sum);
            for (int i = 0; i < weights.length; i++) {
                if (pick < weights[i]) {
                    return values.get(i);
                }
                pick -= weights[i];
            }
            throw new IllegalStateException("unreachable: pick beyond the total weight");
        };
    }

    /** A list of {@code min} … {@code max} elements; shorter is simpler. */
    static <T> Gen<List<T>> lists(Gen<T> element, int min, int max) {
        return choices -> {
            int size = choices.between(min, max);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(element.generate(choices));
            }
            return List.copyOf(values);
        };
    }
}
