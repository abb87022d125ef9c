import ReviewRoomServer
print("reviewroomd \(ReviewRoomServerModule.version)")
