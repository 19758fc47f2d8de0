package dev.vigil.model;

/** A step function: the model, or a deliberately wrong variant of it for negative controls. */
@FunctionalInterface
interface Stepper {

    Stepper MODEL = Model::step;

    Step step(ModelState state, long atMs, ModelEvent event);
}
