from tests.support.fixtures import World


def test_world_builds(world: World) -> None:
    assert world["caseworker_a"].agency_id == world.agency_a.id
