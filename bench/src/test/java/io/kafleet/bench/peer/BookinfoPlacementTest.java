package io.kafleet.bench.peer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class BookinfoPlacementTest {

  @Test
  void twoMembersHoldWhatTheSeedsTableSays() {
    assertThat(BookinfoPlacement.expected(List.of("member1", "member2")))
        .containsEntry(
            "member1",
            List.of(
                "Deployment/productpage-v1",
                "Deployment/reviews-v1",
                "Deployment/reviews-v2",
                "Deployment/reviews-v3",
                "Service/details",
                "Service/productpage",
                "Service/ratings",
                "Service/reviews",
                "ServiceAccount/bookinfo-productpage",
                "ServiceAccount/bookinfo-reviews"))
        .containsEntry(
            "member2",
            List.of(
                "Deployment/details-v1",
                "Deployment/ratings-v1",
                "Deployment/reviews-v1",
                "Deployment/reviews-v2",
                "Deployment/reviews-v3",
                "Service/details",
                "Service/productpage",
                "Service/ratings",
                "Service/reviews",
                "ServiceAccount/bookinfo-details",
                "ServiceAccount/bookinfo-ratings",
                "ServiceAccount/bookinfo-reviews"));
  }

  @Test
  void ratingsGoesEverywhereButMember1() {
    assertThat(BookinfoPlacement.expected(List.of("member1", "member2", "member3")).get("member3"))
        .containsExactly("Deployment/ratings-v1", "ServiceAccount/bookinfo-ratings");
  }

  @Test
  void onlyBookinfoObjectsAreCompared() {
    assertThat(BookinfoPlacement.isBookinfo("Service/kubernetes")).isFalse();
    assertThat(BookinfoPlacement.isBookinfo("ServiceAccount/default")).isFalse();
    assertThat(BookinfoPlacement.isBookinfo("ServiceAccount/bookinfo-ratings")).isTrue();
    assertThat(BookinfoPlacement.isBookinfo("Deployment/reviews-v3")).isTrue();
  }
}
