"""Story grouping: articles about the same story become one Story."""

from storyline.cluster.stage import ClusterStage, GivenStoriesStage, OneStoryStage

__all__ = ["ClusterStage", "GivenStoriesStage", "OneStoryStage"]
