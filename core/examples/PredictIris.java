// Uses a model trained in Stepwise from a plain Java program. Train one, then run this file directly:
//
//     app/target/stepwise train --data iris --epochs 30 --out iris.stepwise
//     java --add-modules jdk.incubator.vector -cp "app/target/lib/*" core/examples/PredictIris.java iris.stepwise
//
// Model takes raw feature values (the project's normalization is applied inside) and gives the network's outputs.
import java.nio.file.Path;
import java.util.Locale;
import org.stepwise.core.Model;

public class PredictIris {
    public static void main(String[] args) throws Exception {
        Model model = Model.load(Path.of(args.length > 0 ? args[0] : "iris.stepwise"));
        float[] flower = {6.3f, 2.9f, 5.6f, 1.8f}; // sepal length, sepal width, petal length, petal width (cm)
        float[] p = model.probabilities(flower);
        int best = model.predictClass(flower);
        System.out.printf(Locale.ROOT, "%s (p = %.3f)%n", model.className(best), p[best]);
    }
}
