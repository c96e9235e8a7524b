package dev.anatomy.compute;

import org.hipparchus.distribution.continuous.TDistribution;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.linear.RealVector;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresBuilder;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresOptimizer;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LevenbergMarquardtOptimizer;
import org.hipparchus.util.Pair;

/**
 * Fits Gunther's Universal Scalability Law to throughput measured at several thread counts:
 *
 * <pre>X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))</pre>
 *
 * <p>sigma is contention (the share of work that queues for something shared: the Amdahl term),
 * kappa coherency (the cost of every pair of threads agreeing on shared data, which makes
 * throughput fall past a peak), lambda the throughput of one thread without either.
 *
 * <p>The fit starts from the linearised least-squares solution, N / C(N) - 1 = sigma (N - 1) +
 * kappa N (N - 1) with C(N) = X(N) / X(1), and refines all three parameters with Hipparchus's
 * Levenberg-Marquardt optimizer, keeping sigma and kappa non-negative. Confidence intervals are
 * 95%, from the covariance at the optimum scaled by the residual variance and Student's t with n -
 * 3 degrees of freedom. Three parameters need at least {@link #MIN_POINTS} thread counts.
 */
public final class UslFit {
  /** Thread counts needed: three parameters and at least one degree of freedom. */
  public static final int MIN_POINTS = 4;

  private UslFit() {}

  /**
   * A parameter with its 95% confidence interval.
   *
   * @param value the fitted value
   * @param low lower end of the interval
   * @param high upper end of the interval
   */
  public record Estimate(double value, double low, double high) {}

  /**
   * A fitted law.
   *
   * @param sigma contention
   * @param kappa coherency
   * @param lambda single-thread throughput, in the unit of the data
   * @param rmsRelativeResidual root mean square of (measured - model) / model
   * @param points thread counts used
   */
  public record Model(
      Estimate sigma, Estimate kappa, Estimate lambda, double rmsRelativeResidual, int points) {
    /**
     * Throughput the law predicts.
     *
     * @param threads N
     * @return X(N)
     */
    public double throughput(double threads) {
      return UslFit.throughput(sigma.value(), kappa.value(), lambda.value(), threads);
    }

    /**
     * Speedup the law predicts over one thread of the law itself.
     *
     * @param threads N
     * @return X(N) / X(1)
     */
    public double speedup(double threads) {
      return throughput(threads) / throughput(1);
    }

    /**
     * The thread count where throughput peaks: sqrt((1 - sigma) / kappa); infinite when kappa is 0.
     *
     * @return N at the peak
     */
    public double peakThreads() {
      return kappa.value() > 0
          ? Math.sqrt(Math.max(0, 1 - sigma.value()) / kappa.value())
          : Double.POSITIVE_INFINITY;
    }
  }

  /**
   * The law's throughput.
   *
   * @param sigma contention
   * @param kappa coherency
   * @param lambda single-thread throughput
   * @param n threads
   * @return lambda n / (1 + sigma (n - 1) + kappa n (n - 1))
   */
  public static double throughput(double sigma, double kappa, double lambda, double n) {
    return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
  }

  /**
   * Fits the law.
   *
   * @param threads distinct thread counts, one of them 1
   * @param throughput measured throughput at each count, positive
   * @return the model
   * @throws IllegalArgumentException with fewer than {@link #MIN_POINTS} points, without a point at
   *     one thread, or with non-positive throughput
   */
  public static Model fit(int[] threads, double[] throughput) {
    int n = threads.length;
    if (n != throughput.length) {
      throw new IllegalArgumentException("threads and throughput differ in length");
    }
    if (n < MIN_POINTS) {
      throw new IllegalArgumentException(
          "the USL has 3 parameters: it needs at least " + MIN_POINTS + " thread counts, had " + n);
    }
    double x1 = 0;
    for (int i = 0; i < n; i++) {
      if (!(throughput[i] > 0) || !Double.isFinite(throughput[i]) || threads[i] < 1) {
        throw new IllegalArgumentException("throughput must be positive at thread counts >= 1");
      }
      if (threads[i] == 1) {
        x1 = throughput[i];
      }
    }
    if (x1 == 0) {
      throw new IllegalArgumentException("the USL fit needs a measurement at one thread");
    }
    double[] relative = new double[n];
    for (int i = 0; i < n; i++) {
      relative[i] = throughput[i] / x1;
    }
    double[] start = linearStart(threads, relative);
    LeastSquaresProblem problem =
        new LeastSquaresBuilder()
            .start(start)
            .target(relative)
            .model(p -> valueAndJacobian(threads, p))
            .parameterValidator(
                p -> {
                  RealVector v = p.copy();
                  v.setEntry(0, Math.max(0, v.getEntry(0)));
                  v.setEntry(1, Math.max(0, v.getEntry(1)));
                  v.setEntry(2, Math.max(1e-9, v.getEntry(2)));
                  return v;
                })
            .maxEvaluations(10_000)
            .maxIterations(10_000)
            .build();
    LeastSquaresOptimizer.Optimum optimum = new LevenbergMarquardtOptimizer().optimize(problem);
    RealVector point = optimum.getPoint();
    int dof = n - 3;
    double residualVariance = optimum.getChiSquare() / dof;
    RealVector sigmas = optimum.getSigma(1e-12);
    double t = new TDistribution(dof).inverseCumulativeProbability(0.975);
    double[] half = new double[3];
    for (int j = 0; j < 3; j++) {
      double se = sigmas.getEntry(j) * Math.sqrt(residualVariance);
      half[j] = Double.isFinite(se) ? t * se : Double.POSITIVE_INFINITY;
    }
    double sigma = point.getEntry(0);
    double kappa = point.getEntry(1);
    double lambda = point.getEntry(2);
    double rms = 0;
    for (int i = 0; i < n; i++) {
      double model = throughput(sigma, kappa, lambda, threads[i]);
      double r = (relative[i] - model) / model;
      rms += r * r;
    }
    rms = Math.sqrt(rms / n);
    return new Model(
        new Estimate(sigma, sigma - half[0], sigma + half[0]),
        new Estimate(kappa, kappa - half[1], kappa + half[1]),
        new Estimate(lambda * x1, (lambda - half[2]) * x1, (lambda + half[2]) * x1),
        rms,
        n);
  }

  /** sigma and kappa from the linearised law, lambda = 1, both clamped to >= 0. */
  static double[] linearStart(int[] threads, double[] relative) {
    double a11 = 0;
    double a12 = 0;
    double a22 = 0;
    double b1 = 0;
    double b2 = 0;
    for (int i = 0; i < threads.length; i++) {
      double nn = threads[i];
      double u = nn - 1;
      double v = nn * (nn - 1);
      double y = nn / relative[i] - 1;
      a11 += u * u;
      a12 += u * v;
      a22 += v * v;
      b1 += u * y;
      b2 += v * y;
    }
    double det = a11 * a22 - a12 * a12;
    double sigma = 0;
    double kappa = 0;
    if (Math.abs(det) > 1e-12 * Math.max(1, a11 * a22)) {
      sigma = (b1 * a22 - b2 * a12) / det;
      kappa = (a11 * b2 - a12 * b1) / det;
    } else if (a11 > 0) {
      sigma = b1 / a11;
    }
    return new double[] {Math.max(0, sigma), Math.max(0, kappa), 1};
  }

  private static Pair<RealVector, RealMatrix> valueAndJacobian(int[] threads, RealVector p) {
    double sigma = p.getEntry(0);
    double kappa = p.getEntry(1);
    double lambda = p.getEntry(2);
    int n = threads.length;
    double[] value = new double[n];
    double[][] jacobian = new double[n][3];
    for (int i = 0; i < n; i++) {
      double nn = threads[i];
      double d = 1 + sigma * (nn - 1) + kappa * nn * (nn - 1);
      value[i] = lambda * nn / d;
      jacobian[i][0] = -lambda * nn * (nn - 1) / (d * d);
      jacobian[i][1] = -lambda * nn * nn * (nn - 1) / (d * d);
      jacobian[i][2] = nn / d;
    }
    return new Pair<>(new ArrayRealVector(value, false), new Array2DRowRealMatrix(jacobian, false));
  }
}
