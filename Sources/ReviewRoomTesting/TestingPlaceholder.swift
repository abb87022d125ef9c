/// Placeholder until the test-support module lands (issue: foundation).
public enum ReviewRoomTestingModule {}
