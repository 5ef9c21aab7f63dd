package io.kafleet.bench.peer;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Where the Bookinfo seed's five PropagationPolicies put its objects among member1..memberN, as
 * examples/bookinfo/propagation.yaml says (and its README's table for two members).
 */
final class BookinfoPlacement {

  private static final Set<String> SERVICES =
      Set.of("productpage", "details", "reviews", "ratings");

  private BookinfoPlacement() {}

  static boolean isBookinfo(String kindAndName) {
    String name = kindAndName.substring(kindAndName.indexOf('/') + 1);
    return kindAndName.startsWith("Service/")
        ? SERVICES.contains(name)
        : name.startsWith("bookinfo-")
            || name.matches("(productpage|details|reviews|ratings)-v\\d");
  }

  static Map<String, List<String>> expected(List<String> members) {
    Map<String, List<String>> expected = new TreeMap<>();
    for (String member : members) {
      Set<String> objects = new TreeSet<>();
      boolean first = member.equals("member1");
      boolean second = member.equals("member2");
      if (first || second) {
        SERVICES.forEach(service -> objects.add("Service/" + service));
        objects.addAll(
            List.of(
                "Deployment/reviews-v1",
                "Deployment/reviews-v2",
                "Deployment/reviews-v3",
                "ServiceAccount/bookinfo-reviews"));
      }
      if (first) {
        objects.addAll(List.of("Deployment/productpage-v1", "ServiceAccount/bookinfo-productpage"));
      }
      if (second) {
        objects.addAll(List.of("Deployment/details-v1", "ServiceAccount/bookinfo-details"));
      }
      if (!first) {
        objects.addAll(List.of("Deployment/ratings-v1", "ServiceAccount/bookinfo-ratings"));
      }
      expected.put(member, List.copyOf(objects));
    }
    return expected;
  }
}
