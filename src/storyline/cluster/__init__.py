"""Story grouping: articles about the same story become one Story.

`ClusterStage` runs the online `StoryClusterer` inside the pipeline; the clusterer itself is
the incremental API (`add`, `finish`, `from_stories`) for callers that feed articles as they
come.
"""

from storyline.cluster.clusterer import Assignment, StoryClusterer
from storyline.cluster.params import ClusterParams, fitted_params
from storyline.cluster.stage import ClusterStage, GivenStoriesStage, OneStoryStage

__all__ = [
    "Assignment",
    "ClusterParams",
    "ClusterStage",
    "GivenStoriesStage",
    "OneStoryStage",
    "StoryClusterer",
    "fitted_params",
]
